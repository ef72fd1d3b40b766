// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/InfoCall.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QStringList strings(const QJsonValue &value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

} // namespace

InfoCall::InfoCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint, QObject *parent)
    : NetworkCall(network, endpoint, parent) {}

void InfoCall::start() {
    exchange([this] { return network()->get(endpoint().request(u"/info"_s)); },
             [this](QNetworkReply *, const QByteArray &body) { read(body); });
}

void InfoCall::read(const QByteArray &body) {
    const auto json = parseObject(u"GET /info"_s, body);
    if (!json)
        return;
    const QJsonObject server = json->value(u"server"_s).toObject();
    const QJsonObject token = json->value(u"token"_s).toObject();
    const QJsonObject limits = json->value(u"limits"_s).toObject();
    const QJsonObject storage = json->value(u"storage"_s).toObject();
    if (server.value(u"name"_s).toString().isEmpty() || !token.value(u"tenants"_s).isArray()) {
        finish(badAnswer(
            u"GET /info"_s,
            u"server.name or token.tenants is missing; is the URL a replicall-target?"_s));
        return;
    }

    m_info.serverName = server.value(u"name"_s).toString();
    m_info.serverVersion = server.value(u"version"_s).toString();
    m_info.serverHost = server.value(u"host"_s).toString();
    m_info.tokenName = token.value(u"name"_s).toString();
    m_info.tenants = strings(token.value(u"tenants"_s));
    m_info.data = strings(token.value(u"data"_s));
    const QString expires = token.value(u"expires"_s).toString();
    if (!expires.isEmpty()) {
        m_info.expires = QDateTime::fromString(expires, Qt::ISODate);
        if (!m_info.expires.isValid()) {
            finish(badAnswer(u"GET /info"_s,
                             u"token.expires \"%1\" is not an ISO-8601 time"_s.arg(expires)));
            return;
        }
    }
    m_info.maxChunkSize = qint64(limits.value(u"maxChunkSize"_s).toDouble());
    m_info.maxUploadSize = qint64(limits.value(u"maxUploadSize"_s).toDouble());
    m_info.maxJsonSize = qint64(limits.value(u"maxJsonSize"_s).toDouble());
    m_info.maxLookupBatch = limits.value(u"maxLookupBatch"_s).toInt(1000);
    m_info.freeBytes = qint64(storage.value(u"freeBytes"_s).toDouble(-1));
    m_info.totalBytes = qint64(storage.value(u"totalBytes"_s).toDouble(-1));
    m_info.tusExtensions = strings(json->value(u"tus"_s).toObject().value(u"extensions"_s));
    finish();
}

} // namespace Replicall
