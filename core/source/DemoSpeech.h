// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QString>

namespace Replicall {

// Synthetic telephone audio for the demo archive: two voices taking turns,
// syllables of voiced harmonics shaped by vowel formants, pauses and a low
// line hiss. Not speech, but it sounds like a conversation through a wall,
// has the dynamics of one (which matters for codecs and sizes) and is cheap
// to make: a ten-minute call takes well under a second.
class DemoSpeech {
public:
    // 16-bit mono PCM in a canonical 44-byte RIFF/WAVE header. The same seed
    // gives the same bytes.
    static bool writeWav(QIODevice *out, int sampleRate, qint64 durationMs, quint32 seed,
                         QString *error);
    static qint64 wavSize(int sampleRate, qint64 durationMs);
};

} // namespace Replicall
