// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetCli.h"

#include "Database.h"
#include "HttpServer.h"
#include "Ids.h"
#include "ReplicationApi.h"
#include "TokenStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Replicall::Target {

namespace {

enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

QTextStream &out() {
    static QTextStream stream(stdout);
    return stream;
}

int fail(const QString &message, int code = Failure) {
    QTextStream(stderr) << "replicall-target: " << message << Qt::endl;
    return code;
}

// Parses a sub-command's arguments; prints help or the parser's error itself.
bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode) {
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        *exitCode = fail(parser.errorText() + QStringLiteral(" (see --help)"), Usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        *exitCode = Ok;
        return false;
    }
    return true;
}

const QCommandLineOption dataDirOption(QStringList{QStringLiteral("data-dir")},
                                       QStringLiteral("The target's data directory."),
                                       QStringLiteral("DIR"));

bool openDataDir(const QCommandLineParser &parser, QString *dataDir, int *exitCode) {
    *dataDir = parser.value(dataDirOption);
    QString error;
    if (dataDir->isEmpty()) {
        *exitCode = fail(QStringLiteral("--data-dir DIR is required"), Usage);
        return false;
    }
    *dataDir = QDir(*dataDir).absolutePath();
    if (!Database::open(*dataDir, &error)) {
        *exitCode = fail(error);
        return false;
    }
    return true;
}

// SIGTERM/SIGINT end the event loop through a socket pair, the only safe way out of a
// signal handler; the server then stops cleanly and in-flight uploads keep their bytes.
int g_signalFds[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error) {
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const uint number = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host == u"localhost")
        host = QStringLiteral("127.0.0.1");
    if (!ok || number == 0 || number > 65535 || !address->setAddress(host)) {
        *error =
            QStringLiteral("--listen '%1' is not HOST:PORT with an IP address and a port 1-65535 "
                           "(e.g. 0.0.0.0:8443 or [::]:8443)")
                .arg(text);
        return false;
    }
    *port = quint16(number);
    return true;
}

bool readFile(const QString &path, const QString &what, QByteArray *content, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString());
        return false;
    }
    *content = file.readAll();
    return true;
}

int serve(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Receive replicated recordings over HTTP(S)."));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port, e.g. 0.0.0.0:8443."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption cert(QStringLiteral("tls-cert"),
                                  QStringLiteral("PEM certificate (chain); enables HTTPS."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("tls-key"),
                                 QStringLiteral("PEM private key of the certificate."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption chunk(
        QStringLiteral("max-chunk-size"),
        QStringLiteral("Largest request body of an upload (default 64M)."), QStringLiteral("SIZE"));
    const QCommandLineOption upload(QStringLiteral("max-upload-size"),
                                    QStringLiteral("Largest recording (default 16G)."),
                                    QStringLiteral("SIZE"));
    const QCommandLineOption connections(QStringLiteral("max-connections"),
                                         QStringLiteral("Connections served at once (default 64)."),
                                         QStringLiteral("N"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Server name shown by /info."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption reserve(
        QStringLiteral("reserve-space"),
        QStringLiteral("Disk space kept free beyond any upload (default 64M)."),
        QStringLiteral("SIZE"));
    parser.addOptions(
        {dataDirOption, listen, cert, key, chunk, upload, connections, name, reserve});
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("serve takes no arguments, got '%1'")
                        .arg(parser.positionalArguments().join(u' ')),
                    Usage);

    ServerConfig config;
    HttpServer::Settings settings;
    QString error;
    if (!parser.isSet(listen))
        return fail(QStringLiteral("--listen HOST:PORT is required"), Usage);
    if (!parseListen(parser.value(listen), &settings.address, &settings.port, &error))
        return fail(error, Usage);
    const std::pair<const QCommandLineOption *, qint64 *> sizes[] = {
        {&chunk, &config.maxChunkSize},
        {&upload, &config.maxUploadSize},
        {&reserve, &config.reserveBytes}};
    for (const auto &[option, target] : sizes) {
        if (parser.isSet(*option) && !parseByteSize(parser.value(*option), target, &error))
            return fail(QStringLiteral("--%1: %2").arg(option->names().first(), error), Usage);
    }
    if (config.maxChunkSize < 1 || config.maxUploadSize < 1)
        return fail(
            QStringLiteral("--max-chunk-size and --max-upload-size must be at least 1 byte"),
            Usage);
    if (parser.isSet(connections)) {
        bool ok = false;
        settings.maxConnections = parser.value(connections).toInt(&ok);
        if (!ok || settings.maxConnections < 1 || settings.maxConnections > 10000)
            return fail(QStringLiteral("--max-connections '%1' must be a number from 1 to 10000")
                            .arg(parser.value(connections)),
                        Usage);
    }
    if (parser.isSet(name))
        config.name = parser.value(name);
    if (parser.isSet(cert) != parser.isSet(key))
        return fail(QStringLiteral("--tls-cert and --tls-key go together"), Usage);
    if (parser.isSet(cert) &&
        (!readFile(parser.value(cert), QStringLiteral("certificate"), &settings.tlsCertificate,
                   &error) ||
         !readFile(parser.value(key), QStringLiteral("key"), &settings.tlsKey, &error)))
        return fail(error);
    if (!openDataDir(parser, &config.dataDir, &exitCode))
        return exitCode;

    ReplicationApi api(config);
    HttpServer server(api);
    if (!server.start(settings, &error))
        return fail(error);

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0)
        return fail(QStringLiteral("cannot set up signal handling"));
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp, [] {
        qCInfo(lcTarget) << "stopping on signal";
        QCoreApplication::quit();
    });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    std::signal(SIGPIPE, SIG_IGN);

    // Expired uploads go at start and then every ten minutes.
    const auto removeExpired = [&api] {
        QString expireError;
        const int removed = api.uploads().removeExpired(&expireError);
        if (removed > 0)
            qCInfo(lcTarget) << "removed" << removed << "expired uploads";
        if (!expireError.isEmpty())
            qCWarning(lcTarget).noquote() << expireError;
    };
    removeExpired();
    QTimer expiry;
    expiry.setInterval(10 * 60 * 1000);
    QObject::connect(&expiry, &QTimer::timeout, qApp, removeExpired);
    expiry.start();

    const QString scheme = server.isTls() ? QStringLiteral("https://") : QStringLiteral("http://");
    qCInfo(lcTarget).noquote() << "listening on" << scheme + parser.value(listen) << "data"
                               << config.dataDir;
    const int result = QCoreApplication::exec();
    server.stop();
    qCInfo(lcTarget) << "stopped";
    return result;
}

int tokenCreate(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Create a replication token; it is printed once, on the last line."));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Name of the token (e.g. branch-berlin)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption tenants(QStringLiteral("tenants"),
                                     QStringLiteral("Tenants it may write, comma-separated."),
                                     QStringLiteral("a,b"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Data types: audio,metadata,users (default all)."),
                                  QStringLiteral("LIST"), QStringLiteral("audio,metadata,users"));
    const QCommandLineOption expires(QStringLiteral("expires-days"),
                                     QStringLiteral("Days until it expires (default 0: never)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({dataDirOption, name, tenants, data, expires});
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("token create takes no arguments, got '%1'")
                        .arg(parser.positionalArguments().join(u' ')),
                    Usage);
    if (!parser.isSet(name) || !parser.isSet(tenants))
        return fail(QStringLiteral("token create needs --name NAME and --tenants a,b"), Usage);
    bool ok = false;
    const int days = parser.value(expires).toInt(&ok);
    if (!ok || days < 0)
        return fail(
            QStringLiteral("--expires-days '%1' must be 0 (never) or a positive number of days")
                .arg(parser.value(expires)),
            Usage);
    const auto splitList = [](const QString &text) {
        QStringList items = text.split(u',', Qt::SkipEmptyParts);
        for (QString &item : items)
            item = item.trimmed();
        return items;
    };
    QString dataDir;
    if (!openDataDir(parser, &dataDir, &exitCode))
        return exitCode;
    QString error;
    const QString token = TokenStore::create(parser.value(name), splitList(parser.value(tenants)),
                                             splitList(parser.value(data)), days, &error);
    if (token.isEmpty())
        return fail(error);
    out() << "Created token '" << parser.value(name)
          << "'. It is shown only now; store it safely:\n"
          << token << Qt::endl;
    return Ok;
}

int tokenList(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the replication tokens (never their values)."));
    parser.addOption(dataDirOption);
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    QString dataDir;
    if (!openDataDir(parser, &dataDir, &exitCode))
        return exitCode;
    QList<Token> tokens;
    QString error;
    if (!TokenStore::list(&tokens, &error))
        return fail(error);
    const QString never = QStringLiteral("never");
    const QString dash = QStringLiteral("-");
    out() << qSetFieldWidth(0) << "NAME\tTENANTS\tDATA\tCREATED\tEXPIRES\tREVOKED\n";
    for (const Token &token : std::as_const(tokens)) {
        out() << token.name << '\t' << token.tenants.join(u',') << '\t' << token.data.join(u',')
              << '\t' << isoUtc(token.created) << '\t'
              << (token.expires.isValid() ? isoUtc(token.expires) : never) << '\t'
              << (token.revoked.isValid() ? isoUtc(token.revoked) : dash) << '\n';
    }
    out().flush();
    return Ok;
}

int tokenRevoke(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Revoke a replication token; senders using it are refused at once."));
    parser.addOption(dataDirOption);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The token's name."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("token revoke needs exactly one token NAME"), Usage);
    QString dataDir;
    if (!openDataDir(parser, &dataDir, &exitCode))
        return exitCode;
    QString error;
    const QString name = parser.positionalArguments().first();
    if (!TokenStore::revoke(name, &error))
        return fail(error);
    out() << "Revoked token '" << name << "'." << Qt::endl;
    return Ok;
}

const QString Commands = QStringLiteral(
    "Receives replicated call recordings (docs/target.md).\n\n"
    "Commands:\n"
    "  serve --data-dir DIR --listen HOST:PORT [--tls-cert F --tls-key F]\n"
    "        [--max-chunk-size SIZE] [--max-upload-size SIZE] [--max-connections N] [--name NAME]\n"
    "  token create --data-dir DIR --name NAME --tenants a,b [--data audio,metadata,users] "
    "[--expires-days N]\n"
    "  token list --data-dir DIR\n"
    "  token revoke NAME --data-dir DIR\n\n"
    "Run 'replicall-target <command> --help' for a command's options.");

} // namespace

int runCli(const QStringList &arguments) {
    const QString command = arguments.value(1);
    const QString sub = arguments.value(2);
    // The rest after the (sub)command, with a program name for the sub-parser's messages.
    const auto rest = [&arguments](int skip, const QString &what) {
        return QStringList{QStringLiteral("replicall-target ") + what} + arguments.mid(skip);
    };
    // The top level only knows --help, --version and the command; everything after the
    // command belongs to the command's own parser.
    QCommandLineParser parser;
    parser.setApplicationDescription(Commands);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve or token."));
    const QCommandLineOption version = parser.addVersionOption();
    int exitCode = Ok;
    if (!parse(parser, arguments.mid(0, 2), &exitCode))
        return exitCode;
    if (parser.isSet(version)) {
        out() << "replicall-target " << REPLICALL_VERSION << Qt::endl;
        return Ok;
    }
    if (command == u"serve")
        return serve(rest(2, command));
    if (command == u"token") {
        if (sub == u"create")
            return tokenCreate(rest(3, QStringLiteral("token create")));
        if (sub == u"list")
            return tokenList(rest(3, QStringLiteral("token list")));
        if (sub == u"revoke")
            return tokenRevoke(rest(3, QStringLiteral("token revoke")));
        return fail(
            QStringLiteral("unknown token command '%1'; use create, list or revoke").arg(sub),
            Usage);
    }
    if (command.isEmpty())
        return fail(QStringLiteral("no command given; see 'replicall-target --help'"), Usage);
    return fail(QStringLiteral("unknown command '%1'; see 'replicall-target --help'").arg(command),
                Usage);
}

} // namespace Replicall::Target
