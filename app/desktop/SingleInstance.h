// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Replicall {

// One desktop application per user: the first launch listens on a local
// socket in the user's runtime folder; a later launch connects, asks the
// first to raise its window, and exits.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(const QString &socketPath = defaultSocketPath(),
                            QObject *parent = nullptr);

    // $XDG_RUNTIME_DIR/replicall.socket: private to the user.
    static QString defaultSocketPath();

    // True when this process is the first and now listens. False when another
    // instance answered and was asked to show itself; *error says why when
    // neither worked (the caller then goes on alone).
    bool claim(QString *error);

Q_SIGNALS:
    // A second launch asked this instance to show its window.
    void activationRequested();

private:
    bool askRunningInstance();
    void onConnection();

    QString m_socketPath;
    QLocalServer *m_server = nullptr;
};

} // namespace Replicall
