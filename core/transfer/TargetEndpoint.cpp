// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/TargetEndpoint.h"

#include "model/Job.h"

#include <QSslConfiguration>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace Replicall {

std::optional<TargetEndpoint> TargetEndpoint::create(const Settings &settings, QString *error) {
    const QUrl &url = settings.url;
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
    QString problem;
    if (!url.isValid())
        problem = u"target URL \"%1\" is not a valid URL: %2"_s.arg(shown, url.errorString());
    else if (url.scheme() != u"https"_s && url.scheme() != u"http"_s)
        problem = u"target URL \"%1\" must start with https:// (or http:// for tests)"_s.arg(shown);
    else if (url.host().isEmpty())
        problem = u"target URL \"%1\" has no host name"_s.arg(shown);
    else if (!url.userInfo().isEmpty())
        problem = u"target URL \"%1\" must not contain a user name or password"_s.arg(shown);
    else if (url.hasQuery() || url.hasFragment())
        problem = u"target URL \"%1\" must not contain a query or fragment"_s.arg(shown);
    else if (settings.token.trimmed().isEmpty())
        problem = u"no replication token is set for target %1"_s.arg(shown);
    else if (settings.transferTimeoutMs <= 0)
        problem = u"transfer timeout must be positive, not %1 ms"_s.arg(settings.transferTimeoutMs);

    TargetEndpoint endpoint;
    if (problem.isEmpty() && !settings.caFile.isEmpty()) {
        endpoint.m_pinnedCa = QSslCertificate::fromPath(settings.caFile, QSsl::Pem);
        if (endpoint.m_pinnedCa.isEmpty())
            problem = u"CA file %1 is missing or holds no PEM certificate"_s.arg(settings.caFile);
    }
    if (problem.isEmpty() && url.scheme() == u"https"_s && !QSslSocket::supportsSsl())
        problem = u"this system has no TLS support, cannot reach %1"_s.arg(shown);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }

    endpoint.m_settings = settings;
    endpoint.m_settings.token = settings.token.trimmed();
    endpoint.m_apiBase = url;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    endpoint.m_apiBase.setPath(path + QLatin1StringView(ApiPath));
    return endpoint;
}

std::optional<TargetEndpoint> TargetEndpoint::fromJob(const Job &job, const QString &token,
                                                      QString *error) {
    Settings settings;
    settings.url = job.targetUrl;
    settings.token = token;
    settings.sslVerify = job.sslVerify;
    settings.caFile = job.caFile;
    return create(settings, error);
}

QUrl TargetEndpoint::apiUrl(const QString &path) const {
    QUrl url = m_apiBase;
    url.setPath(m_apiBase.path() + path);
    return url;
}

bool TargetEndpoint::isSameOrigin(const QUrl &url) const {
    const int defaultPort = m_apiBase.scheme() == u"https"_s ? 443 : 80;
    return url.scheme() == m_apiBase.scheme() &&
           url.host().compare(m_apiBase.host(), Qt::CaseInsensitive) == 0 &&
           url.port(defaultPort) == m_apiBase.port(defaultPort);
}

QNetworkRequest TargetEndpoint::request(const QUrl &url) const {
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_settings.token.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("Replicall/" REPLICALL_VERSION));
    request.setTransferTimeout(m_settings.transferTimeoutMs);
    // A redirect must never carry the token to another host; fromReply turns a 3xx into an error.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    if (url.scheme() == u"https"_s) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_settings.sslVerify) {
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else if (!m_pinnedCa.isEmpty()) {
            tls.setCaCertificates(m_pinnedCa);
            tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        }
        request.setSslConfiguration(tls);
    }
    return request;
}

} // namespace Replicall
