// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/FileWindow.h"

using namespace Qt::StringLiterals;

namespace Replicall {

FileWindow::FileWindow(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length) {}

bool FileWindow::open(OpenMode mode) {
    if ((mode & WriteOnly) || m_offset < 0 || m_length < 0) {
        setErrorString(u"a file window can only be read"_s);
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(
            u"the file is %1 bytes long, shorter than the %2 bytes expected"_s.arg(m_file.size())
                .arg(m_offset + m_length));
        m_file.close();
        return false;
    }
    if (!m_file.seek(m_offset)) {
        setErrorString(m_file.errorString());
        m_file.close();
        return false;
    }
    return QIODevice::open(ReadOnly | Unbuffered);
}

void FileWindow::close() {
    m_file.close();
    QIODevice::close();
}

bool FileWindow::seek(qint64 pos) {
    if (pos < 0 || pos > m_length || !QIODevice::seek(pos))
        return false;
    return m_file.seek(m_offset + pos);
}

qint64 FileWindow::readData(char *data, qint64 maxSize) {
    // The file position, not QIODevice::pos(), tells where we are: it is
    // only moved by seek() and by reading here.
    const qint64 left = m_offset + m_length - m_file.pos();
    if (left <= 0)
        return 0; // end of the window
    const qint64 at = m_file.pos();
    const qint64 got = m_file.read(data, qMin(maxSize, left));
    if (got < 0)
        setErrorString(m_file.errorString());
    else if (got > 0 && m_observer)
        m_observer(at, data, got);
    return got;
}

} // namespace Replicall
