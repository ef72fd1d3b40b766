// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/TransferError.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

using Kind = TransferError::Kind;

constexpr const char *TlsProblemsProperty = "replicall.tlsProblems";

// The wire protocol's problem codes and how a sender treats them.
Kind kindOfCode(const QString &code, bool *known) {
    static const QHash<QString, Kind> kinds = {
        {u"token-missing"_s, Kind::Fatal},
        {u"token-invalid"_s, Kind::Fatal},
        {u"token-revoked"_s, Kind::Fatal},
        {u"token-expired"_s, Kind::Fatal},
        {u"data-out-of-scope"_s, Kind::Fatal},
        {u"precondition-failed"_s, Kind::Fatal},
        {u"insufficient-storage"_s, Kind::Fatal},
        {u"tenant-out-of-scope"_s, Kind::Recording},
        {u"bad-request"_s, Kind::Recording},
        {u"invalid-id"_s, Kind::Recording},
        {u"sha256-mismatch"_s, Kind::Recording},
        {u"conflict"_s, Kind::Recording},
        {u"too-large"_s, Kind::Recording},
        {u"headers-too-large"_s, Kind::Recording},
        {u"unsupported-media-type"_s, Kind::Recording},
        {u"not-found"_s, Kind::Transient},
        {u"offset-mismatch"_s, Kind::Transient},
        {u"upload-incomplete"_s, Kind::Transient},
        {u"checksum-mismatch"_s, Kind::Transient},
        {u"too-many-connections"_s, Kind::Transient},
        {u"internal"_s, Kind::Transient},
    };
    const auto it = kinds.constFind(code);
    *known = it != kinds.constEnd();
    return *known ? *it : Kind::None;
}

// Used when the body carries no (known) code.
Kind kindOfStatus(int status) {
    switch (status) {
    case 401:
    case 412:
    case 507:
        return Kind::Fatal;
    case 404:
    case 408:
    case 409:
    case 425:
    case 429:
    case 460:
        return Kind::Transient;
    default:
        if (status >= 500)
            return Kind::Transient;
        if (status >= 400)
            return Kind::Recording;
        return Kind::Fatal; // 1xx/3xx/other: the target does not speak our protocol
    }
}

QString hostOf(const QNetworkReply *reply) {
    const QUrl url = reply->url();
    return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
}

QString describeTls(const QList<QSslError> &errors, const QString &host) {
    QStringList problems;
    QString certificate;
    for (const QSslError &error : errors) {
        problems << error.errorString();
        if (certificate.isEmpty() && !error.certificate().isNull()) {
            const QSslCertificate cert = error.certificate();
            certificate = u"certificate of %1: subject \"%2\", issued by \"%3\""_s.arg(
                host, cert.subjectDisplayName(), cert.issuerDisplayName());
        }
    }
    problems.removeDuplicates();
    if (certificate.isEmpty())
        certificate = u"certificate of %1"_s.arg(host);
    return u"%1 refused: %2"_s.arg(certificate, problems.join(u"; "_s));
}

TransferError fromNetworkError(QNetworkReply *reply) {
    const QString host = hostOf(reply);
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError: {
        const QString tls = reply->property(TlsProblemsProperty).toString();
        return TransferError::fatal(
            u"tls-refused"_s,
            tls.isEmpty() ? u"TLS handshake with %1 failed: %2"_s.arg(host, reply->errorString())
                          : tls);
    }
    case QNetworkReply::ConnectionRefusedError:
        return TransferError::transient(
            u"connection-refused"_s,
            u"target %1 refused the connection; is replicall-target running there?"_s.arg(host));
    case QNetworkReply::RemoteHostClosedError:
        return TransferError::transient(
            u"connection-closed"_s,
            u"target %1 closed the connection before answering"_s.arg(host));
    case QNetworkReply::HostNotFoundError:
        return TransferError::transient(u"host-not-found"_s,
                                        u"host %1 was not found (DNS)"_s.arg(reply->url().host()));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt reports a transfer timeout this way
        return TransferError::transient(u"timeout"_s,
                                        u"target %1 did not answer within %2 s"_s.arg(host).arg(
                                            reply->request().transferTimeout() / 1000));
    case QNetworkReply::ProtocolUnknownError:
        return TransferError::fatal(u"bad-url"_s,
                                    u"unsupported URL scheme in %1"_s.arg(reply->url().scheme()));
    default:
        return TransferError::transient(
            u"network"_s,
            u"network error talking to %1: %2 (%3)"_s.arg(
                host, reply->errorString(),
                QLatin1StringView(QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(
                    reply->error()))));
    }
}

TransferError fromHttpStatus(QNetworkReply *reply, int status, const QByteArray &body) {
    if (status >= 300 && status < 400) {
        QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
        location = reply->url().resolved(location);
        TransferError error = TransferError::fatal(
            u"redirect"_s,
            u"target redirected to %1; redirects are not followed"_s.arg(
                location.host().isEmpty() ? u"an unnamed location"_s : location.host()));
        error.httpStatus = status;
        return error;
    }

    const QString reason =
        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject problem = doc.object();
    const QString code = problem.value(u"code"_s).toString();
    QString detail = problem.value(u"detail"_s).toString();
    if (detail.isEmpty())
        detail = problem.value(u"title"_s).toString();

    bool known = false;
    Kind kind = kindOfCode(code, &known);
    if (!known)
        kind = kindOfStatus(status);

    TransferError error;
    error.kind = kind;
    error.httpStatus = status;
    error.code = code.isEmpty() ? u"http-%1"_s.arg(status) : code;
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        error.message =
            body.isEmpty()
                ? u"target answered HTTP %1 %2 with an empty body"_s.arg(status).arg(reason)
                : u"target answered HTTP %1 %2 with a body that is not problem+json"_s.arg(status)
                      .arg(reason);
    } else if (detail.isEmpty()) {
        error.message = u"target answered HTTP %1 %2 without a detail"_s.arg(status).arg(reason);
    } else {
        error.message = u"%1 (HTTP %2, %3)"_s.arg(detail).arg(status).arg(error.code);
    }
    error.message = error.message.simplified();
    return error;
}

// The target should never echo a token, but a message must never carry one.
void scrubToken(QNetworkReply *reply, TransferError *error) {
    const QByteArray authorization = reply->request().rawHeader("Authorization");
    const QString token = QString::fromLatin1(authorization.mid(7)); // after "Bearer "
    if (token.size() >= 8)
        error->message.replace(token, u"<token>"_s);
}

} // namespace

QString TransferError::kindName() const {
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::Fatal:
        return u"fatal"_s;
    case Kind::Recording:
        return u"recording"_s;
    case Kind::Transient:
        return u"transient"_s;
    }
    return {};
}

TransferError TransferError::fatal(const QString &code, const QString &message) {
    return {Kind::Fatal, code, 0, message};
}

TransferError TransferError::recording(const QString &code, const QString &message) {
    return {Kind::Recording, code, 0, message};
}

TransferError TransferError::transient(const QString &code, const QString &message) {
    return {Kind::Transient, code, 0, message};
}

TransferError TransferError::fromReply(QNetworkReply *reply, const QByteArray &body) {
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    TransferError error;
    if (status == 0) {
        error =
            reply->error() == QNetworkReply::NoError
                ? transient(u"no-answer"_s, u"target %1 sent no HTTP answer"_s.arg(hostOf(reply)))
                : fromNetworkError(reply);
    } else if (status >= 200 && status < 300) {
        return {};
    } else {
        error = fromHttpStatus(reply, status, body);
    }
    scrubToken(reply, &error);
    return error;
}

void TransferError::watchTls(QNetworkReply *reply) {
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
            reply->setProperty(TlsProblemsProperty, describeTls(errors, hostOf(reply)));
        });
}

} // namespace Replicall
