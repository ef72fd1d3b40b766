// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QIODevice>
#include <functional>

namespace Replicall {

// A read-only, random-access view of [offset, offset + length) of a file.
// Being non-sequential with a known size lets QNetworkAccessManager stream
// it from disk instead of buffering the whole chunk in memory.
class FileWindow : public QIODevice {
    Q_OBJECT
public:
    FileWindow(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;

    // Called with every block read, at its offset in the file (not in the window).
    using ReadObserver = std::function<void(qint64 fileOffset, const char *data, qint64 size)>;
    void setReadObserver(ReadObserver observer) { m_observer = std::move(observer); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
    ReadObserver m_observer;
};

} // namespace Replicall
