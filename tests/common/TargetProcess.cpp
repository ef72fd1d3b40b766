// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace Replicall::Test {

namespace {

void setError(QString *error, const QString &message) {
    if (error)
        *error = message;
}

quint16 freePort() {
    // The port is free when asked; the short race with other processes is acceptable in tests.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

TargetProcess::TargetProcess(QObject *parent)
    : QObject(parent) {
    m_dataDir = m_root.filePath(QStringLiteral("data"));
    m_logPath = m_root.filePath(QStringLiteral("target.log"));
}

TargetProcess::~TargetProcess() {
    stop();
}

QString TargetProcess::executable() {
    return QStringLiteral(REPLICALL_TARGET_BIN);
}

bool TargetProcess::start(QString *error, const QStringList &extraServeArgs) {
    if (!m_root.isValid()) {
        setError(error, QStringLiteral("cannot create a temporary directory"));
        return false;
    }
    stop();
    m_extraArgs = extraServeArgs;
    m_tls = extraServeArgs.contains(QStringLiteral("--tls-cert"));
    // A port taken between probing and binding is retried with a fresh one.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freePort();
        if (launch(error))
            return true;
    }
    return false;
}

bool TargetProcess::restart(QString *error) {
    stop();
    return launch(error);
}

bool TargetProcess::launch(QString *error) {
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(executable());
    m_process->setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--data-dir"),
                                        m_dataDir, QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:%1").arg(m_port)} +
                            m_extraArgs);
    m_process->setStandardOutputFile(m_logPath, QIODevice::Append);
    m_process->setStandardErrorFile(m_logPath, QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        setError(error,
                 QStringLiteral("cannot start %1: %2").arg(executable(), m_process->errorString()));
        m_process.reset();
        return false;
    }
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0)) {
            setError(error, QStringLiteral("replicall-target exited with %1 during start:\n%2")
                                .arg(m_process->exitCode())
                                .arg(log().right(2000)));
            m_process.reset();
            return false;
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    setError(error, QStringLiteral("replicall-target did not answer on port %1 within 15 s:\n%2")
                        .arg(m_port)
                        .arg(log().right(2000)));
    kill();
    return false;
}

void TargetProcess::stop() {
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

void TargetProcess::kill() {
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

bool TargetProcess::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

qint64 TargetProcess::pid() const {
    return m_process ? m_process->processId() : 0;
}

QUrl TargetProcess::baseUrl() const {
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QUrl TargetProcess::apiUrl(const QString &path) const {
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/api/replication/v1") + path);
    return url;
}

QString TargetProcess::dataDir() const {
    return m_dataDir;
}

QString TargetProcess::log() const {
    QFile file(m_logPath);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

int TargetProcess::runTool(const QStringList &arguments, QString *standardOutput,
                           QString *standardError) {
    QProcess process;
    process.start(executable(), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (standardOutput)
        *standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    if (standardError)
        *standardError = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QString TargetProcess::createToken(const QString &name, const QStringList &tenants,
                                   const QStringList &data, int expiresDays) {
    QString output;
    QString errors;
    const int code =
        runTool({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data-dir"),
                 m_dataDir, QStringLiteral("--name"), name, QStringLiteral("--tenants"),
                 tenants.join(u','), QStringLiteral("--data"), data.join(u','),
                 QStringLiteral("--expires-days"), QString::number(expiresDays)},
                &output, &errors);
    if (code != 0) {
        qWarning().noquote() << "token create failed:" << errors;
        return {};
    }
    return output.trimmed().split(u'\n').last().trimmed();
}

bool TargetProcess::revokeToken(const QString &name) {
    return runTool({QStringLiteral("token"), QStringLiteral("revoke"), name,
                    QStringLiteral("--data-dir"), m_dataDir}) == 0;
}

bool TargetProcess::makeSelfSignedCertificate(const QString &dir, QString *certificatePath,
                                              QString *keyPath, QString *error) {
    *certificatePath = QDir(dir).filePath(QStringLiteral("target-cert.pem"));
    *keyPath = QDir(dir).filePath(QStringLiteral("target-key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), *keyPath, QStringLiteral("-out"), *certificatePath});
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0) {
        setError(error, QStringLiteral("openssl req failed: %1 %2")
                            .arg(openssl.errorString(),
                                 QString::fromUtf8(openssl.readAllStandardError())));
        return false;
    }
    return true;
}

} // namespace Replicall::Test
