// SPDX-License-Identifier: GPL-3.0-or-later
// The Debian package as a user gets it: built with `cpack -G DEB` from this
// build tree, unpacked with dpkg-deb into a scratch root, and checked file by
// file; its programs are run from there.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

const QString Version = QStringLiteral(REPLICALL_VERSION);

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result runProgram(const QString &program, const QStringList &arguments, int timeoutMs,
                  const QString &workingDir = {}) {
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    Result result;
    if (!process.waitForStarted(10000)) {
        result.err = u"cannot start %1: %2"_s.arg(program, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = u"%1 did not finish within %2 s"_s.arg(program).arg(timeoutMs / 1000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString tool(const QString &name) {
    return QStandardPaths::findExecutable(name);
}

QString readText(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestPackaging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void controlFields();
    void maintainerScripts();
    void programsRunFromThePackage_data();
    void programsRunFromThePackage();
    void desktopIntegration();
    void icons();
    void systemdUnitsAndSettings();

private:
    QString root(const QString &path) const { return m_root.path() + path; }

    QTemporaryDir m_work;
    QTemporaryDir m_root;
    QString m_package;
    QStringList m_programs;
};

void TestPackaging::initTestCase() {
    QVERIFY(m_work.isValid() && m_root.isValid());
    for (const QString &name : {u"dpkg-deb"_s, u"appstreamcli"_s}) {
        QVERIFY2(!tool(name).isEmpty(),
                 qPrintable(name + u" is not installed; run scripts/setup.sh"_s));
    }
    m_programs = QStringLiteral(REPLICALL_PACKAGED_PROGRAMS).split(u',');

    // cpack installs from the build tree into its own staging folder below -B.
    const Result cpack = runProgram(QStringLiteral(REPLICALL_CPACK),
                                    {u"-G"_s, u"DEB"_s, u"--config"_s,
                                     QStringLiteral(REPLICALL_BUILD_DIR "/CPackConfig.cmake"),
                                     u"-B"_s, m_work.path()},
                                    240000, QStringLiteral(REPLICALL_BUILD_DIR));
    QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out + cpack.err));
    const QStringList debs = QDir(m_work.path()).entryList({u"*.deb"_s}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    m_package = m_work.filePath(debs.first());
    QVERIFY2(m_package.endsWith(u"replicall_%1-1_amd64.deb"_s.arg(Version)) ||
                 m_package.contains(u"replicall_%1-1_"_s.arg(Version)),
             qPrintable(m_package));

    const Result extract =
        runProgram(tool(u"dpkg-deb"_s), {u"-x"_s, m_package, m_root.path()}, 60000);
    QVERIFY2(extract.exitCode == 0, qPrintable(extract.err));
}

void TestPackaging::controlFields() {
    auto field = [&](const QString &name) {
        return runProgram(tool(u"dpkg-deb"_s), {u"-f"_s, m_package, name}, 10000).out.trimmed();
    };
    QCOMPARE(field(u"Package"_s), u"replicall"_s);
    QCOMPARE(field(u"Version"_s), Version + u"-1"_s);
    QVERIFY(field(u"Maintainer"_s).contains(u'@'));
    QVERIFY(!field(u"Description"_s).isEmpty());
    const QString depends = field(u"Depends"_s);
    for (const QString &package :
         {u"libqt6sql6-sqlite"_s, u"libsecret-1-0"_s, u"qt6-qpa-plugins"_s, u"adduser"_s})
        QVERIFY2(depends.contains(package), qPrintable(depends));
    // dpkg-shlibdeps ran: the linked Qt and OpenSSL libraries are there too.
    for (const QString &package : {u"libqt6core6"_s, u"libqt6network6"_s, u"libssl3"_s})
        QVERIFY2(depends.contains(package), qPrintable(depends));
}

void TestPackaging::maintainerScripts() {
    QTemporaryDir control;
    const Result result =
        runProgram(tool(u"dpkg-deb"_s), {u"-e"_s, m_package, control.path()}, 10000);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(
        readText(control.filePath(u"conffiles"_s)).contains(u"/etc/default/replicall-target"_s));
    const QFileInfo postinst(control.filePath(u"postinst"_s));
    QVERIFY(postinst.isExecutable());
    QVERIFY(readText(postinst.filePath()).contains(u"adduser --system"_s));
    const Result syntax = runProgram(u"/bin/sh"_s, {u"-n"_s, postinst.filePath()}, 10000);
    QVERIFY2(syntax.exitCode == 0, qPrintable(syntax.err));
    QVERIFY(
        readText(root(u"/usr/share/doc/replicall/copyright"_s)).contains(u"GPL-3.0-or-later"_s));
}

void TestPackaging::programsRunFromThePackage_data() {
    QTest::addColumn<QString>("program");
    for (const QString &program : std::as_const(m_programs))
        QTest::newRow(qPrintable(program)) << program;
}

void TestPackaging::programsRunFromThePackage() {
    QFETCH(QString, program);
    const QFileInfo binary(root(u"/usr/bin/"_s + program));
    QVERIFY2(binary.isExecutable(), qPrintable(binary.filePath()));

    const Result version = runProgram(binary.filePath(), {u"--version"_s}, 30000);
    QVERIFY2(version.exitCode == 0, qPrintable(version.err));
    QVERIFY2(version.out.contains(Version), qPrintable(version.out));
    const Result help = runProgram(binary.filePath(), {u"--help"_s}, 30000);
    QVERIFY2(help.exitCode == 0, qPrintable(help.err));
    QVERIFY2(help.out.contains(u"Usage"_s, Qt::CaseInsensitive), qPrintable(help.out));
}

void TestPackaging::desktopIntegration() {
    const QString desktop = root(u"/usr/share/applications/replicall.desktop"_s);
    const QString metainfo = root(u"/usr/share/metainfo/org.replicall.Replicall.metainfo.xml"_s);
    if (!m_programs.contains(u"replicall"_s)) {
        // Without the desktop application there is nothing to launch.
        QVERIFY(!QFile::exists(desktop));
        QVERIFY(!QFile::exists(metainfo));
        return;
    }
    QVERIFY(QFile::exists(desktop));
    QVERIFY(readText(desktop).contains(u"\nExec=replicall\n"_s));
    if (const QString validator = tool(u"desktop-file-validate"_s); !validator.isEmpty()) {
        const Result valid = runProgram(validator, {desktop}, 30000);
        QVERIFY2(valid.exitCode == 0 && valid.out.isEmpty(), qPrintable(valid.out + valid.err));
    }

    QVERIFY(QFile::exists(metainfo));
    QVERIFY2(readText(metainfo).contains(u"<release version=\"%1\""_s.arg(Version)),
             "the metainfo's newest release is not the project's version");
    const Result valid =
        runProgram(tool(u"appstreamcli"_s), {u"validate"_s, u"--no-net"_s, metainfo}, 60000);
    QVERIFY2(valid.exitCode == 0, qPrintable(valid.out + valid.err));
}

void TestPackaging::icons() {
    QVERIFY(QFile::exists(root(u"/usr/share/icons/hicolor/scalable/apps/replicall.svg"_s)));
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        const QString path = root(u"/usr/share/icons/hicolor/%1x%1/apps/replicall.png"_s.arg(size));
        QFile png(path);
        QVERIFY2(png.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray header = png.read(24);
        QVERIFY(header.startsWith("\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        auto be32 = [&](int at) {
            return (uchar(header[at]) << 24) | (uchar(header[at + 1]) << 16) |
                   (uchar(header[at + 2]) << 8) | uchar(header[at + 3]);
        };
        QCOMPARE(int(be32(16)), size);
        QCOMPARE(int(be32(20)), size);
    }
}

void TestPackaging::systemdUnitsAndSettings() {
    const QString unit = readText(root(u"/usr/lib/systemd/system/replicall-target.service"_s));
    QVERIFY(unit.contains(u"\nUser=replicall-target\n"_s));
    QVERIFY(unit.contains(u"\nEnvironmentFile=/etc/default/replicall-target\n"_s));
    QVERIFY(unit.contains(u"\nStateDirectory=replicall-target\n"_s));
    const QRegularExpressionMatch exec =
        QRegularExpression(u"\nExecStart=(\\S+) serve "_s).match(unit);
    QVERIFY(exec.hasMatch());
    QVERIFY2(QFileInfo(root(exec.captured(1))).isExecutable(),
             "ExecStart names a program the package does not hold");

    const QString settings = readText(root(u"/etc/default/replicall-target"_s));
    for (const QString &key : {u"DATA_DIR="_s, u"LISTEN="_s, u"TLS_OPTIONS="_s, u"OPTIONS="_s})
        QVERIFY2(settings.contains(u'\n' + key), qPrintable(key));
    // Every variable the unit uses is set in the settings file.
    const QRegularExpression variable(u"\\$\\{?([A-Z_]+)\\}?"_s);
    for (const QRegularExpressionMatch &match : variable.globalMatch(unit))
        QVERIFY2(settings.contains(u'\n' + match.captured(1) + u'='),
                 qPrintable(match.captured(1)));

    const QString userUnit = root(u"/usr/lib/systemd/user/replicall.service"_s);
    QCOMPARE(QFile::exists(userUnit), bool(REPLICALL_HAS_USER_UNIT));
    if (QFile::exists(userUnit)) {
        const QRegularExpressionMatch userExec =
            QRegularExpression(u"\nExecStart=(\\S+)"_s).match(readText(userUnit));
        QVERIFY(userExec.hasMatch());
        QVERIFY2(QFileInfo(root(userExec.captured(1))).isExecutable(),
                 "the user unit's ExecStart names a program the package does not hold");
    }
}

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
