// SPDX-License-Identifier: GPL-3.0-or-later
// The tus-node side of bench/run.sh: @tus/server with its file store, on
// 127.0.0.1. Usage: node tus_server.mjs DATA_DIR PORT
import { Server } from '@tus/server'
import { FileStore } from '@tus/file-store'
import http from 'node:http'

const [dataDir, port] = process.argv.slice(2)
if (!dataDir || !port) {
  console.error('usage: node tus_server.mjs DATA_DIR PORT')
  process.exit(2)
}
const tus = new Server({ path: '/files', datastore: new FileStore({ directory: dataDir }) })
const server = http.createServer((req, res) => tus.handle(req, res))
// Stop cleanly on SIGTERM so /usr/bin/time can report the server's peak memory.
process.on('SIGTERM', () => server.close(() => process.exit(0)))
server.listen(Number(port), '127.0.0.1', () => console.log(`tus server on 127.0.0.1:${port}`))
