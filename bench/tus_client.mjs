// SPDX-License-Identifier: GPL-3.0-or-later
// Uploads every file named in LIST_FILE (one path a line) to a tus server
// with tus-js-client, PARALLEL uploads at a time. Exits non-zero naming the
// first file that failed. Usage: node tus_client.mjs URL LIST_FILE PARALLEL
import { Upload } from 'tus-js-client'
import fs from 'node:fs'
import path from 'node:path'

const [endpoint, listFile, parallelText] = process.argv.slice(2)
const parallel = Number(parallelText)
if (!endpoint || !listFile || !(parallel >= 1)) {
  console.error('usage: node tus_client.mjs URL LIST_FILE PARALLEL')
  process.exit(2)
}
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean)

function upload(file) {
  return new Promise((resolve, reject) => {
    const size = fs.statSync(file).size
    const task = new Upload(fs.createReadStream(file), {
      endpoint,
      uploadSize: size,
      // The same chunk size as Replicall's job, so both send small files whole.
      chunkSize: 8 * 1024 * 1024,
      metadata: { filename: path.basename(file) },
      storeFingerprintForResuming: false,
      retryDelays: [],
      onError: (error) => reject(new Error(`${file}: ${error.message}`)),
      onSuccess: () => resolve(),
    })
    task.start()
  })
}

let next = 0
async function worker() {
  while (next < files.length) await upload(files[next++])
}
try {
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker))
  console.log(`uploaded ${files.length} files`)
} catch (error) {
  console.error(`tus upload failed: ${error.message}`)
  process.exit(1)
}
