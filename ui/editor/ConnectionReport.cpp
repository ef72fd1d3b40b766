// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/ConnectionReport.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QString esc(const QString &text) {
    return text.toHtmlEscaped();
}

QString listOrNone(const QStringList &items) {
    return items.isEmpty() ? ConnectionReport::tr("none") : esc(items.join(u", "_s));
}

const QString OkColor = u"#1b7f3b"_s;
const QString BadColor = u"#b00020"_s;
const QString WarnColor = u"#9a6700"_s;

} // namespace

QString ConnectionReport::busyHtml(const QUrl &url) {
    return tr("Connecting to %1…").arg(esc(url.toDisplayString()));
}

QString ConnectionReport::html(const Job &job, const ConnectionTestResult &result) {
    return result.ok() ? success(job, result.info) : failure(result.error);
}

QString ConnectionReport::success(const Job &job, const TargetInfo &info) {
    QStringList lines;
    lines << u"<b style=\"color:%1\">%2</b>"_s.arg(OkColor, tr("✔ Connection works"));
    QString server = tr("Server: <b>%1</b> version <b>%2</b>")
                         .arg(esc(info.serverName), esc(info.serverVersion));
    if (!info.serverHost.isEmpty())
        server += tr(" on %1").arg(esc(info.serverHost));
    lines << server;

    const QString expires =
        info.expires.isValid()
            ? tr("expires %1")
                  .arg(QLocale().toString(info.expires.toLocalTime(), QLocale::ShortFormat))
            : tr("never expires");
    lines << tr("Token %1 accepted; %2").arg(esc(info.tokenName), expires);
    lines << tr("Tenants: %1").arg(listOrNone(info.tenants));
    lines << tr("Data: %1").arg(listOrNone(info.data));
    if (info.freeBytes >= 0) {
        lines << (info.totalBytes > 0
                      ? tr("Free space: %1 of %2")
                            .arg(formatSize(info.freeBytes), formatSize(info.totalBytes))
                      : tr("Free space: %1").arg(formatSize(info.freeBytes)));
    }
    if (info.maxUploadSize > 0)
        lines << tr("Largest recording accepted: %1").arg(formatSize(info.maxUploadSize));
    const QStringList problems = warnings(job, info);
    for (const QString &warning : problems)
        lines << u"<span style=\"color:%1\">⚠ %2</span>"_s.arg(WarnColor, warning);
    return lines.join(u"<br>"_s);
}

QStringList ConnectionReport::warnings(const Job &job, const TargetInfo &info) {
    QStringList warnings;
    QStringList outside;
    for (const QString &tenant : job.tenants) {
        if (!info.tenants.contains(tenant))
            outside << tenant;
    }
    if (!outside.isEmpty())
        warnings << tr("The token does not cover tenant(s) %1; their recordings would be refused.")
                        .arg(esc(outside.join(u", "_s)));
    const QStringList wanted = dataKindsToString(job.data).split(u',', Qt::SkipEmptyParts);
    QStringList refused;
    for (const QString &kind : wanted) {
        if (!info.data.contains(kind))
            refused << kind;
    }
    if (!refused.isEmpty())
        warnings << tr("The token does not allow %1, which this job replicates.")
                        .arg(esc(refused.join(u", "_s)));
    if (info.maxChunkSize > 0 && job.chunkSize > info.maxChunkSize)
        warnings << tr("The target takes chunks of at most %1; uploads will use that size.")
                        .arg(formatSize(info.maxChunkSize));
    return warnings;
}

QString ConnectionReport::failure(const TransferError &error) {
    QString hint;
    const QString &code = error.code;
    if (code.startsWith("token-"_L1))
        hint = tr("Check the token: create a new one on the target with "
                  "<tt>replicall-target token create</tt> and paste it here.");
    else if (code == "tls-refused"_L1)
        hint = tr("If the target uses a certificate of its own CA, choose that CA's certificate "
                  "as CA file; turn verification off only on a test setup.");
    else if (code == "connection-refused"_L1 || code == "host-not-found"_L1 ||
             code == "timeout"_L1 || code == "no-answer"_L1)
        hint = tr("Check the URL and port, and that replicall-target is running and reachable "
                  "from this computer.");
    else if (code == "bad-settings"_L1 || code == "bad-url"_L1)
        hint = tr("Correct the connection settings above.");
    QString text = u"<b style=\"color:%1\">%2</b><br>%3"_s.arg(BadColor, tr("✘ Connection failed"),
                                                               esc(error.message));
    if (!hint.isEmpty())
        text += u"<br>"_s + hint;
    return text;
}

} // namespace Replicall
