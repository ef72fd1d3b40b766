// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace Replicall::Test {

// A real replicall-target on 127.0.0.1 for tests: its own temporary data directory (kept
// across restart()), a free port, stopped when the object goes.
//
//   TargetProcess target;
//   QVERIFY2(target.start(&error), qPrintable(error));
//   const QString token = target.createToken(u"job"_s, {u"acme"_s});
//   ... requests against target.baseUrl() ...
class TargetProcess : public QObject {
    Q_OBJECT
public:
    explicit TargetProcess(QObject *parent = nullptr);
    ~TargetProcess() override;

    // Starts `serve`; waits until the port answers. extraServeArgs are appended, e.g.
    // {"--max-chunk-size", "1M"} or the TLS pair (then baseUrl() is https://).
    bool start(QString *error = nullptr, const QStringList &extraServeArgs = {});
    // Stops (if running) and starts again with the same data directory, port and arguments.
    bool restart(QString *error = nullptr);
    void stop(); // SIGTERM and wait
    void kill(); // SIGKILL: simulates a crash

    bool isRunning() const;
    qint64 pid() const;
    QUrl baseUrl() const;                   // e.g. http://127.0.0.1:41234
    QUrl apiUrl(const QString &path) const; // baseUrl + /api/replication/v1 + path
    QString dataDir() const;
    QString log() const; // what the server wrote to stderr so far

    QString createToken(const QString &name, const QStringList &tenants,
                        const QStringList &data = {QStringLiteral("audio"),
                                                   QStringLiteral("metadata"),
                                                   QStringLiteral("users")},
                        int expiresDays = 0);
    bool revokeToken(const QString &name);

    // Runs `replicall-target <arguments>` to completion; returns its exit code, -1 on a crash.
    static int runTool(const QStringList &arguments, QString *standardOutput = nullptr,
                       QString *standardError = nullptr);
    static QString executable();

    // A self-signed certificate + key for 127.0.0.1 (SAN IP:127.0.0.1) in `dir`.
    static bool makeSelfSignedCertificate(const QString &dir, QString *certificatePath,
                                          QString *keyPath, QString *error = nullptr);

private:
    bool launch(QString *error);

    QTemporaryDir m_root;
    QString m_dataDir;
    QString m_logPath;
    quint16 m_port = 0;
    QStringList m_extraArgs;
    bool m_tls = false;
    std::unique_ptr<QProcess> m_process;
};

} // namespace Replicall::Test
