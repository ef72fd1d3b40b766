// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

class QNetworkReply;

namespace Replicall {

// Why a network operation failed, classified once (fromReply) so every caller
// reacts the same way: stop the job, give up on this recording, or retry.
struct TransferError {
    enum class Kind {
        None,
        Fatal,     // stop the job: token refused, TLS refused, data-out-of-scope, disk full...
        Recording, // this recording failed: tenant-out-of-scope, sha256-mismatch, too-large...
        Transient, // retry later: timeouts, refused/dropped connections, 5xx, offset-mismatch
    };

    Kind kind = Kind::None;
    QString code;       // the target's problem code, or our own ("connection-refused", ...)
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString message;    // human-readable; never contains the token

    bool isError() const { return kind != Kind::None; }
    QString kindName() const;

    static TransferError fatal(const QString &code, const QString &message);
    static TransferError recording(const QString &code, const QString &message);
    static TransferError transient(const QString &code, const QString &message);

    // The single place where an answer (or its absence) is classified.
    // body is what was read from the reply; it may be empty, truncated or not JSON.
    static TransferError fromReply(QNetworkReply *reply, const QByteArray &body);

    // Remembers the certificate problems a reply reports so fromReply can name
    // the certificate; call right after the request was sent.
    static void watchTls(QNetworkReply *reply);
};

} // namespace Replicall

Q_DECLARE_METATYPE(Replicall::TransferError)
