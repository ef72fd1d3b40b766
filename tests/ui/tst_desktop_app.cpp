// SPDX-License-Identifier: GPL-3.0-or-later
// The `replicall` executable as a user starts it: --version, --help, and a
// second launch that raises the first instead of starting another.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDesktopApp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void printsVersionAndHelp();
    void secondLaunchRaisesTheFirst();
    void unknownOptionIsNamed();

private:
    std::unique_ptr<QProcess> launch(const QStringList &arguments) const;
    static void stop(QProcess &process);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_first;
};

void TestDesktopApp::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString runtime = m_dir.path() + u"/runtime"_s;
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(QDir().mkpath(m_dir.path() + u"/config"_s));
}

void TestDesktopApp::cleanup() {
    if (m_first)
        stop(*m_first);
    m_first.reset();
}

std::unique_ptr<QProcess> TestDesktopApp::launch(const QStringList &arguments) const {
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.path() + u"/runtime"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.path() + u"/config"_s);
    environment.insert(u"REPLICALL_SECRET_BACKEND"_s, u"file"_s);
    environment.insert(u"REPLICALL_DB"_s, m_dir.path() + u"/env.sqlite"_s);
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(REPLICALL_DESKTOP_BIN), arguments);
    return process;
}

void TestDesktopApp::stop(QProcess &process) {
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

void TestDesktopApp::printsVersionAndHelp() {
    auto version = launch({u"--version"_s});
    QVERIFY(version->waitForFinished(10'000));
    QCOMPARE(version->exitCode(), 0);
    QCOMPARE(QString::fromUtf8(version->readAllStandardOutput()).trimmed(),
             QStringLiteral("replicall " REPLICALL_VERSION));

    auto help = launch({u"--help"_s});
    QVERIFY(help->waitForFinished(10'000));
    QCOMPARE(help->exitCode(), 0);
    const QString text = QString::fromUtf8(help->readAllStandardOutput());
    QVERIFY2(text.contains(u"--db <PATH>"_s), qPrintable(text));
    QVERIFY(text.contains(u"--minimized"_s));
    QVERIFY(!text.contains(u"--screenshot"_s)); // hidden
}

void TestDesktopApp::secondLaunchRaisesTheFirst() {
    const QString database = m_dir.path() + u"/jobs/replicall.sqlite"_s;
    m_first = launch({u"--db"_s, database});
    QVERIFY(m_first->waitForStarted(10'000));
    // The database (from --db, not REPLICALL_DB) and the socket appear once it is up:
    // the socket first (the instance is claimed before anything else), the database
    // a moment later, which under AddressSanitizer can be a long moment.
    const QString socket = m_dir.path() + u"/runtime/replicall.socket"_s;
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket) && QFile::exists(database), 15'000);
    QVERIFY(!QFile::exists(m_dir.path() + u"/env.sqlite"_s));

    auto second = launch({u"--db"_s, database});
    QVERIFY(second->waitForFinished(10'000));
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);
    QCOMPARE(m_first->state(), QProcess::Running);
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += m_first->readAllStandardError())
                                 .contains("a second launch asked to show the window"),
                             5000);
}

void TestDesktopApp::unknownOptionIsNamed() {
    auto process = launch({u"--frobnicate"_s});
    QVERIFY(process->waitForFinished(10'000));
    QVERIFY(process->exitCode() != 0);
    QVERIFY(process->readAllStandardError().contains("frobnicate"));
}

QTEST_GUILESS_MAIN(TestDesktopApp)
#include "tst_desktop_app.moc"
