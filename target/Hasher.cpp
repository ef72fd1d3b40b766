// SPDX-License-Identifier: GPL-3.0-or-later
#include "Hasher.h"

#include <QFile>
#include <openssl/evp.h>

namespace Replicall::Target {

void Hasher::Deleter::operator()(evp_md_ctx_st *ctx) const {
    EVP_MD_CTX_free(ctx);
}

Hasher::Hasher(Algorithm algorithm)
    : m_ctx(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(m_ctx.get(), algorithm == Algorithm::Sha1 ? EVP_sha1() : EVP_sha256(),
                      nullptr);
}

Hasher::Hasher(const Hasher &other)
    : m_ctx(EVP_MD_CTX_new()) {
    EVP_MD_CTX_copy_ex(m_ctx.get(), other.m_ctx.get());
}

Hasher &Hasher::operator=(const Hasher &other) {
    if (this != &other)
        EVP_MD_CTX_copy_ex(m_ctx.get(), other.m_ctx.get());
    return *this;
}

Hasher::~Hasher() = default;

void Hasher::add(const char *data, size_t size) {
    EVP_DigestUpdate(m_ctx.get(), data, size);
}

QByteArray Hasher::result() const {
    // Finalising consumes a context, so finalise a copy.
    Hasher copy(*this);
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    EVP_DigestFinal_ex(copy.m_ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &size);
    digest.resize(int(size));
    return digest;
}

QByteArray Hasher::sha256Hex(const QByteArray &data) {
    Hasher hasher;
    hasher.add(data);
    return hasher.result().toHex();
}

bool Hasher::hashFile(const QString &path, qint64 length, Hasher *hasher, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    qint64 left = length;
    while (left > 0) {
        const qint64 got = file.read(buffer.data(), qMin<qint64>(left, buffer.size()));
        if (got <= 0) {
            *error = QStringLiteral("cannot read %1 at offset %2: %3")
                         .arg(path)
                         .arg(length - left)
                         .arg(got < 0 ? file.errorString() : QStringLiteral("file too short"));
            return false;
        }
        hasher->add(buffer.constData(), size_t(got));
        left -= got;
    }
    return true;
}

} // namespace Replicall::Target
