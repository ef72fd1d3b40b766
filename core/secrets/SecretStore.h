// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace Replicall {

// Keeps replication tokens out of the job database.
//
// The system keychain (QtKeychain: Secret Service, KWallet) is used where one
// answers. A server or CI has none, so headless use falls back to one file per
// secret that only the user can read, and says so in warning().
// REPLICALL_SECRET_BACKEND=keychain|file|auto (default auto) forces a backend.
class SecretStore {
public:
    enum class Backend { Auto, Keychain, File };

    // fallbackDir: where the file backend keeps its files (created 0700).
    explicit SecretStore(const QString &fallbackDir, Backend backend = backendFromEnvironment());

    bool write(const QString &ref, const QByteArray &secret, QString *error);
    std::optional<QByteArray> read(const QString &ref, QString *error);
    bool remove(const QString &ref, QString *error);

    // Set when a call fell back to the file backend; for the caller to show once.
    QString warning() const { return m_warning; }

    static Backend backendFromEnvironment();

private:
    enum class KeychainResult { Ok, NotFound, Unavailable, Failed };
    KeychainResult keychainWrite(const QString &ref, const QByteArray &secret, QString *error);
    KeychainResult keychainRead(const QString &ref, QByteArray *secret, QString *error);
    KeychainResult keychainRemove(const QString &ref, QString *error);

    bool fileWrite(const QString &ref, const QByteArray &secret, QString *error);
    std::optional<QByteArray> fileRead(const QString &ref, QString *error);
    bool fileRemove(const QString &ref, QString *error);
    QString filePath(const QString &ref) const;
    bool useKeychain() const;
    void noteFallback(const QString &why);

    QString m_fallbackDir;
    Backend m_backend;
    bool m_keychainUnavailable = false;
    QString m_warning;
};

} // namespace Replicall
