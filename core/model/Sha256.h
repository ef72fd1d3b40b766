// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

namespace Replicall {

// Incremental SHA-256 through OpenSSL EVP: Qt 6.4's QCryptographicHash is
// about ten times slower, which matters for multi-gigabyte recordings.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(const char *data, qint64 length);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }
    // The raw 32-byte digest; the hasher cannot be fed afterwards.
    QByteArray result();
    QByteArray resultHex() { return result().toHex(); }

    static QByteArray hexOf(const QByteArray &data);
    // Hex digest of a file, read in 1 MiB blocks so memory stays flat.
    // On failure returns nullopt and names the file and the cause in *error.
    static std::optional<QByteArray> ofFile(const QString &path, QString *error,
                                            qint64 *size = nullptr);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
    bool m_finished = false;
};

} // namespace Replicall
