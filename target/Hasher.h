// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <memory>

struct evp_md_ctx_st;

namespace Replicall::Target {

// Incremental SHA-1 / SHA-256 through OpenSSL (Qt 6.4's own SHA-256 is much slower).
// Copyable: result() finalises a copy, so a hasher can give its digest and keep going.
class Hasher {
public:
    enum class Algorithm { Sha1, Sha256 };

    explicit Hasher(Algorithm algorithm = Algorithm::Sha256);
    Hasher(const Hasher &other);
    Hasher &operator=(const Hasher &other);
    Hasher(Hasher &&) noexcept = default;
    Hasher &operator=(Hasher &&) noexcept = default;
    ~Hasher();

    void add(const char *data, size_t size);
    void add(const QByteArray &data) { add(data.constData(), size_t(data.size())); }
    // The digest so far (raw bytes); the hasher can keep going afterwards.
    QByteArray result() const;

    static QByteArray sha256Hex(const QByteArray &data);
    // SHA-256 of the first `length` bytes of a file; false with a message on a read error.
    static bool hashFile(const QString &path, qint64 length, Hasher *hasher, QString *error);

private:
    struct Deleter {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Deleter> m_ctx;
};

} // namespace Replicall::Target
