// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpMessage.h"

#include <QJsonDocument>

namespace Replicall::Target {

HttpResponse HttpResponse::json(int status, const QJsonObject &object) {
    HttpResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("application/json");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::problem(const Problem &problem) {
    HttpResponse response = json(problem.status(), problem.toJson());
    response.contentType = QByteArrayLiteral("application/problem+json");
    return response;
}

HttpResponse HttpResponse::problem(const QString &code, const QString &detail) {
    return problem(Problem{code, detail});
}

HttpResponse HttpResponse::noContent(int status) {
    HttpResponse response;
    response.status = status;
    return response;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value) {
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const {
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

} // namespace Replicall::Target
