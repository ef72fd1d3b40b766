// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/DirectoryCall.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

DirectoryCall::DirectoryCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                             const QJsonObject &directory, QObject *parent)
    : NetworkCall(network, endpoint, parent)
    , m_directory(directory) {}

void DirectoryCall::start() {
    const QByteArray payload = QJsonDocument(m_directory).toJson(QJsonDocument::Compact);
    exchange(
        [this, payload] {
            QNetworkRequest request = endpoint().request(u"/directory"_s);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            return network()->put(request, payload);
        },
        [this](QNetworkReply *, const QByteArray &body) {
            const auto json = parseObject(u"PUT /directory"_s, body);
            if (!json)
                return;
            m_counts.tenants = json->value(u"tenants"_s).toInt();
            m_counts.groups = json->value(u"groups"_s).toInt();
            m_counts.users = json->value(u"users"_s).toInt();
            finish();
        });
}

} // namespace Replicall
