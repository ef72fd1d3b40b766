// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/InfoCall.h"

#include "transfer/Answers.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

InfoCall::InfoCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint, QObject *parent)
    : NetworkCall(network, endpoint, parent) {}

void InfoCall::start() {
    exchange([this] { return network()->get(endpoint().request(u"/info"_s)); },
             [this](QNetworkReply *, const QByteArray &body) { read(body); });
}

void InfoCall::read(const QByteArray &body) {
    QString problem;
    if (!Answers::readInfo(body, &m_info, &problem)) {
        finish(badAnswer(u"GET /info"_s, problem));
        return;
    }
    finish();
}

} // namespace Replicall
