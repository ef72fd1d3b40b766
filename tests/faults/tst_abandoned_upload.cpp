// SPDX-License-Identifier: GPL-3.0-or-later
// A client that goes away in the middle of a PATCH body must not keep the upload locked:
// the resume (HEAD, then PATCH from the offset) works at once, whether the client closed
// its socket, reset it, or left it open and silent (a half-open connection), and the bytes
// the target keeps always agree with the offset it answers.
#include "HttpClient.h"
#include "TargetProcess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

enum class HangUp { Close, Reset, StaySilent };

constexpr qint64 UploadLength = 2'000'000;

} // namespace

Q_DECLARE_METATYPE(HangUp)

class TestAbandonedUpload : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(&error), qPrintable(error));
        m_token = m_target.createToken(u"lock-test"_s, {u"acme"_s});
        QVERIFY(!m_token.isEmpty());
    }

    void resumeRightAfterAHangUp_data() {
        QTest::addColumn<HangUp>("hangUp");
        QTest::addColumn<int>("sentBytes");
        QTest::newRow("close after 1000 bytes") << HangUp::Close << 1000;
        QTest::newRow("reset after 1000 bytes") << HangUp::Reset << 1000;
        QTest::newRow("silent after 1000 bytes") << HangUp::StaySilent << 1000;
        QTest::newRow("close after headers only") << HangUp::Close << 0;
        QTest::newRow("close after 300000 bytes") << HangUp::Close << 300000;
    }

    void resumeRightAfterAHangUp() {
        QFETCH(HangUp, hangUp);
        QFETCH(int, sentBytes);
        HttpClient http(m_token);
        const HttpResult created = http.send(
            "POST", m_target.apiUrl(u"/uploads"_s), {},
            tusHeaders({{"Upload-Length", QByteArray::number(UploadLength)},
                        {"Upload-Metadata", "recording " + QByteArray("c-lock").toBase64() +
                                                ",tenant " + QByteArray("acme").toBase64()}}));
        QVERIFY2(created.status == 201, qPrintable(created.describe()));
        const QByteArray location = created.header("Location");
        const QString uploadId = QString::fromLatin1(location.mid(location.lastIndexOf('/') + 1));

        // A PATCH that announces 1,000,000 bytes and delivers only some of them.
        QTcpSocket socket;
        socket.connectToHost(m_target.baseUrl().host(), quint16(m_target.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("PATCH " + location +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer " +
                     m_token.toLatin1() +
                     "\r\n"
                     "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                     "Content-Type: application/offset+octet-stream\r\n"
                     "Content-Length: 1000000\r\n\r\n" +
                     QByteArray(sentBytes, 'a'));
        QVERIFY(socket.waitForBytesWritten(5000));
        QTest::qWait(100); // the target has read what was sent
        if (hangUp == HangUp::Close)
            socket.disconnectFromHost();
        else if (hangUp == HangUp::Reset)
            socket.abort();

        // The resume, at once: no waiting, no retry.
        const HttpResult head =
            http.send("HEAD", QUrl(m_target.baseUrl().toString() + QString::fromLatin1(location)),
                      {}, tusHeaders());
        QVERIFY2(head.status == 200, qPrintable(head.describe()));
        const qint64 offset = head.header("Upload-Offset").toLongLong();
        QVERIFY2(offset == 0 || offset == sentBytes,
                 qPrintable(u"offset %1 after %2 bytes were sent"_s.arg(offset).arg(sentBytes)));
        const QByteArray rest(4000, 'b');
        const HttpResult patch = http.send(
            "PATCH", QUrl(m_target.baseUrl().toString() + QString::fromLatin1(location)), rest,
            tusHeaders({{"Upload-Offset", QByteArray::number(offset)},
                        {"Content-Type", "application/offset+octet-stream"}}));
        QVERIFY2(patch.status == 204, qPrintable(patch.describe()));
        QCOMPARE(patch.header("Upload-Offset").toLongLong(), offset + rest.size());

        // What is on disk is exactly what the offset acknowledges, and nothing the
        // abandoned request still had in flight slipped in later.
        QTest::qWait(200);
        if (hangUp == HangUp::StaySilent)
            socket.write(QByteArray(5000, 'z')); // the taken-over request talks again
        QTest::qWait(200);
        QFile file(m_target.dataDir() + u"/.uploads/"_s + uploadId);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(int(offset), 'a') + rest);
        const HttpResult again =
            http.send("HEAD", QUrl(m_target.baseUrl().toString() + QString::fromLatin1(location)),
                      {}, tusHeaders());
        QCOMPARE(again.header("Upload-Offset").toLongLong(), offset + rest.size());
        socket.abort();
    }

private:
    TargetProcess m_target;
    QString m_token;
};

QTEST_GUILESS_MAIN(TestAbandonedUpload)
#include "tst_abandoned_upload.moc"
