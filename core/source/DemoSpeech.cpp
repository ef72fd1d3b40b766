// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/DemoSpeech.h"

#include <QRandomGenerator>
#include <QtEndian>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr int HeaderSize = 44;
constexpr int Harmonics = 8;
constexpr double Pi = 3.14159265358979323846;

qint64 sampleCount(int sampleRate, qint64 durationMs) {
    return sampleRate * durationMs / 1000;
}

QByteArray wavHeader(int sampleRate, qint64 samples) {
    const quint32 dataSize = quint32(samples * 2);
    QByteArray header(HeaderSize, '\0');
    char *p = header.data();
    auto put32 = [](char *at, quint32 value) {
        qToLittleEndian(value, at);
    };
    auto put16 = [](char *at, quint16 value) {
        qToLittleEndian(value, at);
    };
    memcpy(p, "RIFF", 4);
    put32(p + 4, 36 + dataSize);
    memcpy(p + 8, "WAVEfmt ", 8);
    put32(p + 16, 16); // size of the fmt chunk
    put16(p + 20, 1);  // PCM
    put16(p + 22, 1);  // mono
    put32(p + 24, quint32(sampleRate));
    put32(p + 28, quint32(sampleRate * 2)); // bytes per second
    put16(p + 32, 2);                       // bytes per frame
    put16(p + 34, 16);                      // bits per sample
    memcpy(p + 36, "data", 4);
    put32(p + 40, dataSize);
    return header;
}

// Vowel formants (F1, F2) in Hz; the harmonics near them are loudest.
constexpr std::array<std::array<double, 2>, 5> Vowels{
    {{730, 1090}, {530, 1840}, {270, 2290}, {570, 840}, {300, 870}}};

// sin() per harmonic per sample made a long demo archive CPU-bound; a table
// indexed by the top bits of a 32-bit phase is plenty for telephone audio.
class SineTable {
public:
    static constexpr int Bits = 12;

    SineTable() {
        for (int i = 0; i < (1 << Bits); ++i)
            m_values[i] = float(std::sin(2 * Pi * i / (1 << Bits)));
    }
    // phase: a full turn is 2^32, so overflow wraps the way an angle does.
    float at(quint32 phase) const { return m_values[phase >> (32 - Bits)]; }

private:
    float m_values[1 << Bits];
};

const SineTable &sineTable() {
    static const SineTable table;
    return table;
}

// The voice state: who speaks, the syllable being said and its envelope.
class Voice {
public:
    Voice(int sampleRate, quint32 seed)
        : m_rate(sampleRate)
        , m_random(seed)
        , m_noise(seed * 2654435761u + 1) {
        startTurn();
    }

    qint16 next() {
        if (--m_left <= 0)
            advance();
        double value = 0;
        if (m_voiced) {
            // Half a sine over the syllable: no clicks at the edges.
            const double envelope =
                m_sine.at(quint32(2147483648.0 * (m_length - m_left) / m_length));
            const double pitch = m_pitch * (1.0 + 0.06 * envelope * m_inflection);
            m_phase += quint32(4294967296.0 * pitch / m_rate);
            // Harmonic h has h times the fundamental's phase; the product
            // wraps modulo a full turn by itself.
            for (quint32 h = 0; h < Harmonics; ++h)
                value += m_gain[h] * m_sine.at(m_phase * (h + 1));
            value *= envelope * m_loudness;
            if (m_length - m_left < m_rate / 40) // a consonant-like burst at the onset
                value += 0.15 * m_loudness * noise();
        }
        value += 0.004 * noise(); // line hiss
        return qint16(std::lround(std::clamp(value, -1.0, 1.0) * 32000));
    }

private:
    double noise() {
        m_noise ^= m_noise << 13;
        m_noise ^= m_noise >> 17;
        m_noise ^= m_noise << 5;
        return double(m_noise) / 2147483648.0 - 1.0;
    }

    void startTurn() {
        m_speaker = 1 - m_speaker;
        m_basePitch = m_speaker == 0 ? 105 + m_random.bounded(30) : 190 + m_random.bounded(40);
        m_syllablesLeft = 6 + int(m_random.bounded(30));
    }

    void advance() {
        if (m_voiced && m_syllablesLeft-- <= 0) {
            pause(300 + int(m_random.bounded(900))); // the other speaker answers
            startTurn();
            return;
        }
        if (m_voiced && m_random.bounded(6) == 0) {
            pause(60 + int(m_random.bounded(200))); // between words
            return;
        }
        m_voiced = true;
        m_length = m_left = m_rate * (110 + int(m_random.bounded(180))) / 1000;
        m_pitch = m_basePitch * (0.9 + 0.2 * m_random.generateDouble());
        m_inflection = m_random.generateDouble() * 2 - 1;
        m_loudness = 0.25 + 0.35 * m_random.generateDouble();
        const auto &vowel = Vowels.at(m_random.bounded(int(Vowels.size())));
        double sum = 0;
        for (int h = 0; h < Harmonics; ++h) {
            const double f = m_pitch * (h + 1);
            m_gain[h] =
                resonance(f, vowel[0], 90) + 0.6 * resonance(f, vowel[1], 120) + 0.08 / (h + 1);
            sum += m_gain[h];
        }
        for (double &gain : m_gain)
            gain /= sum;
    }

    void pause(int ms) {
        m_voiced = false;
        m_length = m_left = qMax(1, m_rate * ms / 1000);
    }

    static double resonance(double f, double centre, double width) {
        const double d = (f - centre) / width;
        return 1.0 / (1.0 + d * d);
    }

    int m_rate;
    QRandomGenerator m_random;
    quint32 m_noise;
    int m_speaker = 1;
    double m_basePitch = 120;
    int m_syllablesLeft = 0;
    bool m_voiced = false;
    int m_length = 1;
    int m_left = 1;
    double m_pitch = 120;
    double m_inflection = 0;
    double m_loudness = 0.3;
    quint32 m_phase = 0;
    double m_gain[Harmonics]{};
    const SineTable &m_sine = sineTable();
};

} // namespace

qint64 DemoSpeech::wavSize(int sampleRate, qint64 durationMs) {
    return HeaderSize + 2 * sampleCount(sampleRate, durationMs);
}

bool DemoSpeech::writeWav(QIODevice *out, int sampleRate, qint64 durationMs, quint32 seed,
                          QString *error) {
    const qint64 samples = sampleCount(sampleRate, durationMs);
    if (sampleRate <= 0 || samples < 0 || samples * 2 > 0xFFFFFFFFLL - 36) {
        if (error)
            *error = u"a WAV file cannot hold %1 ms at %2 Hz"_s.arg(durationMs).arg(sampleRate);
        return false;
    }
    if (out->write(wavHeader(sampleRate, samples)) != HeaderSize) {
        if (error)
            *error = out->errorString();
        return false;
    }
    Voice voice(sampleRate, seed);
    std::vector<char> block(64 * 1024);
    qint64 written = 0;
    while (written < samples) {
        const qint64 count = qMin<qint64>(samples - written, qint64(block.size() / 2));
        for (qint64 i = 0; i < count; ++i)
            qToLittleEndian(voice.next(), block.data() + 2 * i);
        if (out->write(block.data(), 2 * count) != 2 * count) {
            if (error)
                *error = out->errorString();
            return false;
        }
        written += count;
    }
    return true;
}

} // namespace Replicall
