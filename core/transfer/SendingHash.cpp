// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/SendingHash.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Replicall {

void SendingHash::read(qint64 offset, const char *data, qint64 size) {
    if (offset > m_hashedTo || offset + size <= m_hashedTo)
        return; // a gap (caught up later) or bytes hashed already
    const qint64 skip = m_hashedTo - offset;
    m_sha.addData(data + skip, size - skip);
    m_hashedTo = offset + size;
}

bool SendingHash::catchUp(qint64 offset, QString *error) {
    if (offset <= m_hashedTo)
        return true;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_hashedTo)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    while (m_hashedTo < offset) {
        const qint64 got = file.read(block.data(), qMin<qint64>(block.size(), offset - m_hashedTo));
        if (got <= 0) {
            *error = u"cannot read %1 at byte %2: %3"_s.arg(m_path)
                         .arg(m_hashedTo)
                         .arg(got < 0 ? file.errorString() : u"the file ends there"_s);
            return false;
        }
        m_sha.addData(block.constData(), got);
        m_hashedTo += got;
    }
    return true;
}

std::optional<QByteArray> SendingHash::finish(qint64 size, QString *error) {
    if (m_hashedTo > size) {
        *error = u"%1 was read past its %2 bytes"_s.arg(m_path).arg(size);
        return std::nullopt;
    }
    if (!catchUp(size, error))
        return std::nullopt;
    return m_sha.resultHex();
}

} // namespace Replicall
