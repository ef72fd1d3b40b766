// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Sha256.h"

#include <QFile>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace Replicall {

struct Sha256::Context {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>()) {
    EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::addData(const char *data, qint64 length) {
    Q_ASSERT(!m_finished);
    if (length > 0)
        EVP_DigestUpdate(m_context->ctx, data, size_t(length));
}

QByteArray Sha256::result() {
    Q_ASSERT(!m_finished);
    m_finished = true;
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->ctx, reinterpret_cast<unsigned char *>(digest.data()), &length);
    digest.truncate(int(length));
    return digest;
}

QByteArray Sha256::hexOf(const QByteArray &data) {
    Sha256 hash;
    hash.addData(data);
    return hash.resultHex();
}

std::optional<QByteArray> Sha256::ofFile(const QString &path, QString *error, qint64 *size) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1 to hash it: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    // Sized to the file: glibc maps and unmaps a 1 MiB block on every call, which
    // costs a small file more than hashing it.
    const qint64 BlockSize = qBound(qint64(4096), file.size() + 1, qint64(1024 * 1024));
    QByteArray block(BlockSize, Qt::Uninitialized);
    Sha256 hash;
    qint64 total = 0;
    for (;;) {
        const qint64 got = file.read(block.data(), BlockSize);
        if (got < 0) {
            if (error)
                *error = u"reading %1 failed after %2 bytes: %3"_s.arg(path).arg(total).arg(
                    file.errorString());
            return std::nullopt;
        }
        if (got == 0)
            break;
        hash.addData(block.constData(), got);
        total += got;
    }
    if (size)
        *size = total;
    return hash.resultHex();
}

} // namespace Replicall
