// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

namespace Replicall {

struct Job;

// Where and how to reach one replicall-target: a checked URL, the token and
// the TLS policy. Every request to the target is built here, so the token,
// the redirect policy and the certificate rules cannot be forgotten.
class TargetEndpoint {
public:
    struct Settings {
        QUrl url;                      // server root, e.g. https://archive.example.com:8443
        QString token;                 // the replication token (never logged)
        bool sslVerify = true;         // false: accept any certificate (test setups only)
        QString caFile;                // PEM; when set, exactly this CA is trusted (pinned)
        int transferTimeoutMs = 60000; // a request with no bytes moving for this long fails
    };

    static constexpr const char *ApiPath = "/api/replication/v1";

    // Checks the URL (http/https with a host), the token and loads the CA file.
    static std::optional<TargetEndpoint> create(const Settings &settings, QString *error);
    static std::optional<TargetEndpoint> fromJob(const Job &job, const QString &token,
                                                 QString *error);

    const Settings &settings() const { return m_settings; }
    // e.g. apiUrl(u"/info"_s) -> https://host:8443/api/replication/v1/info
    QUrl apiUrl(const QString &path) const;
    // True when url points at this target (same scheme, host and port), so
    // the token may be sent there.
    bool isSameOrigin(const QUrl &url) const;

    QNetworkRequest request(const QString &path) const { return request(apiUrl(path)); }
    QNetworkRequest request(const QUrl &url) const;

private:
    TargetEndpoint() = default;

    Settings m_settings;
    QUrl m_apiBase;
    QList<QSslCertificate> m_pinnedCa;
};

} // namespace Replicall
