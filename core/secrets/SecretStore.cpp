// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretStore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcSecrets, "replicall.secrets")

namespace {

const QString KeychainService = u"Replicall"_s;
constexpr int KeychainTimeoutMs = 15000;

// Runs one QtKeychain job to completion. The wait is bounded: a Secret Service
// that never answers must not hang a headless run.
bool runKeychainJob(QKeychain::Job &job) {
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    timeout.start(KeychainTimeoutMs);
    loop.exec();
    return timeout.isActive();
}

bool isValidRef(const QString &ref) {
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"_s);
    return pattern.match(ref).hasMatch();
}

} // namespace

SecretStore::SecretStore(const QString &fallbackDir, Backend backend)
    : m_fallbackDir(fallbackDir)
    , m_backend(backend) {}

SecretStore::Backend SecretStore::backendFromEnvironment() {
    const QByteArray value = qgetenv("REPLICALL_SECRET_BACKEND").toLower();
    if (value == "file")
        return Backend::File;
    if (value == "keychain")
        return Backend::Keychain;
    return Backend::Auto;
}

bool SecretStore::useKeychain() const {
    return m_backend == Backend::Keychain || (m_backend == Backend::Auto && !m_keychainUnavailable);
}

void SecretStore::noteFallback(const QString &why) {
    m_keychainUnavailable = true;
    m_warning = u"No system keychain is available (%1); the token is kept in a file only "
                u"this user can read, in %2"_s.arg(why, QDir::toNativeSeparators(m_fallbackDir));
    qCWarning(lcSecrets).noquote() << m_warning;
}

bool SecretStore::write(const QString &ref, const QByteArray &secret, QString *error) {
    if (!isValidRef(ref)) {
        *error = u"'%1' is not a valid secret name"_s.arg(ref);
        return false;
    }
    if (useKeychain()) {
        QString why;
        switch (keychainWrite(ref, secret, &why)) {
        case KeychainResult::Ok:
            fileRemove(ref, &why); // an older file copy must not outlive the keychain entry
            return true;
        case KeychainResult::Unavailable:
            if (m_backend == Backend::Keychain) {
                *error = why;
                return false;
            }
            noteFallback(why);
            break;
        case KeychainResult::NotFound:
        case KeychainResult::Failed:
            *error = why;
            return false;
        }
    }
    return fileWrite(ref, secret, error);
}

std::optional<QByteArray> SecretStore::read(const QString &ref, QString *error) {
    if (!isValidRef(ref)) {
        *error = u"'%1' is not a valid secret name"_s.arg(ref);
        return std::nullopt;
    }
    if (useKeychain()) {
        QByteArray secret;
        QString why;
        switch (keychainRead(ref, &secret, &why)) {
        case KeychainResult::Ok:
            return secret;
        case KeychainResult::NotFound:
            break; // it may have been stored in the file while no keychain was there
        case KeychainResult::Unavailable:
            if (m_backend == Backend::Keychain) {
                *error = why;
                return std::nullopt;
            }
            noteFallback(why);
            break;
        case KeychainResult::Failed:
            *error = why;
            return std::nullopt;
        }
    }
    return fileRead(ref, error);
}

bool SecretStore::remove(const QString &ref, QString *error) {
    if (!isValidRef(ref)) {
        *error = u"'%1' is not a valid secret name"_s.arg(ref);
        return false;
    }
    if (useKeychain()) {
        QString why;
        const KeychainResult result = keychainRemove(ref, &why);
        if (result == KeychainResult::Failed) {
            *error = why;
            return false;
        }
        if (result == KeychainResult::Unavailable && m_backend == Backend::Auto)
            noteFallback(why);
    }
    return fileRemove(ref, error);
}

SecretStore::KeychainResult SecretStore::keychainWrite(const QString &ref, const QByteArray &secret,
                                                       QString *error) {
    QKeychain::WritePasswordJob job(KeychainService);
    job.setKey(ref);
    job.setBinaryData(secret);
    if (!runKeychainJob(job)) {
        *error = u"the system keychain did not answer within %1 s"_s.arg(KeychainTimeoutMs / 1000);
        return KeychainResult::Unavailable;
    }
    if (job.error() == QKeychain::NoError)
        return KeychainResult::Ok;
    *error = u"system keychain: %1"_s.arg(job.errorString());
    return job.error() == QKeychain::AccessDeniedByUser ? KeychainResult::Failed
                                                        : KeychainResult::Unavailable;
}

SecretStore::KeychainResult SecretStore::keychainRead(const QString &ref, QByteArray *secret,
                                                      QString *error) {
    QKeychain::ReadPasswordJob job(KeychainService);
    job.setKey(ref);
    if (!runKeychainJob(job)) {
        *error = u"the system keychain did not answer within %1 s"_s.arg(KeychainTimeoutMs / 1000);
        return KeychainResult::Unavailable;
    }
    switch (job.error()) {
    case QKeychain::NoError:
        *secret = job.binaryData();
        return KeychainResult::Ok;
    case QKeychain::EntryNotFound:
        return KeychainResult::NotFound;
    case QKeychain::AccessDeniedByUser:
        *error = u"system keychain: %1"_s.arg(job.errorString());
        return KeychainResult::Failed;
    default:
        *error = u"system keychain: %1"_s.arg(job.errorString());
        return KeychainResult::Unavailable;
    }
}

SecretStore::KeychainResult SecretStore::keychainRemove(const QString &ref, QString *error) {
    QKeychain::DeletePasswordJob job(KeychainService);
    job.setKey(ref);
    if (!runKeychainJob(job)) {
        *error = u"the system keychain did not answer within %1 s"_s.arg(KeychainTimeoutMs / 1000);
        return KeychainResult::Unavailable;
    }
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return KeychainResult::Ok;
    *error = u"system keychain: %1"_s.arg(job.errorString());
    return job.error() == QKeychain::AccessDeniedByUser ? KeychainResult::Failed
                                                        : KeychainResult::Unavailable;
}

QString SecretStore::filePath(const QString &ref) const {
    return QDir(m_fallbackDir).filePath(ref + u".secret"_s);
}

bool SecretStore::fileWrite(const QString &ref, const QByteArray &secret, QString *error) {
    if (!QDir().mkpath(m_fallbackDir)) {
        *error = u"cannot create the secrets folder %1"_s.arg(m_fallbackDir);
        return false;
    }
    QFile::setPermissions(m_fallbackDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(filePath(ref));
    // Restrict before the secret is written, so it is never readable by others.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || file.write(secret) < 0 ||
        !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(filePath(ref), file.errorString());
        return false;
    }
    return true;
}

std::optional<QByteArray> SecretStore::fileRead(const QString &ref, QString *error) {
    QFile file(filePath(ref));
    if (!file.exists()) {
        *error = u"no token is stored under '%1'"_s.arg(ref);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

bool SecretStore::fileRemove(const QString &ref, QString *error) {
    QFile file(filePath(ref));
    if (file.exists() && !file.remove()) {
        *error = u"cannot remove %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace Replicall
