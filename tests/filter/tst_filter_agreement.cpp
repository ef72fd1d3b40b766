// SPDX-License-Identifier: GPL-3.0-or-later
// Property test: for many random filters over many random recordings, the
// SQL selection from a real SQLite catalog equals the in-memory selection.
// The seed is printed; rerun a failure with REPLICALL_FILTER_SEED=<seed>.
#include "TestCatalog.h"
#include "filter/Filter.h"
#include "filter/FilterFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

constexpr int RecordingCount = 400;
constexpr int FilterCount = 3000;
constexpr quint32 DefaultSeed = 20261120;

// Value pools with the edge cases: empty strings, letter case, non-ASCII
// letters, characters outside the BMP, and the glob characters * ? [ ].
const QStringList Tenants = {u"acme"_s, u"globex"_s, u"Acme"_s, u"initech"_s, u"a.b-c"_s};
const QStringList Numbers = {QString(),      u"201"_s, u"+4930123456"_s, u"+49301"_s,
                             u"0049 30 1"_s, u"2*1"_s, u"20?"_s,         u"[201]"_s};
const QStringList Names = {QString(),       u"Max Mustermann"_s, u"max mustermann"_s,
                           u"MAX"_s,        u"Ärger Ölmann"_s,   u"ärger ölmann"_s,
                           u"José Núñez"_s, u"李小龍"_s,         u"🎧 Headset"_s,
                           u"a*b?c [x]"_s,  u"Alice Smith"_s,    u"ALICE SMİTH"_s};
const QStringList Users = {u"u-001"_s, u"u-002"_s, u"U-001"_s, u"ü-3"_s, u"u 4"_s};
const QStringList Groups = {u"g-sales"_s, u"g-support"_s, u"G-Sales"_s};
const QStringList Categories = {u"complaint"_s, u"vip"_s,  u"spam"_s,
                                u"Complaint"_s, QString(), u"a [b]"_s};
const QStringList Directions = {u"inbound"_s, u"outbound"_s, u"internal"_s};
const QList<qint64> Durations = {0, 1, 499, 500, 999, 1000, 1001, 29999, 30000, 30001, 3600000};
const QList<qint64> AudioSizes = {0, 1, 1023, 1024, 1048576, 5000000000LL};

class Generator {
public:
    explicit Generator(quint32 seed)
        : m_random(seed) {}

    int below(int n) { return int(m_random.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T> T pick(const QList<T> &items) { return items.at(below(items.size())); }

    QStringList subset(const QStringList &pool) {
        QStringList out;
        const int n = below(4);
        for (int i = 0; i < n; ++i) {
            const QString item = pick(pool);
            if (!out.contains(item))
                out << item;
        }
        return out;
    }

    // Starts near now and near midnights, some with milliseconds.
    QDateTime startNear(const QDateTime &now) {
        QDateTime start;
        switch (below(3)) {
        case 0: // a whole number of days from now, give or take a second
            start = now.addSecs(-qint64(below(12)) * 86400 + below(3) - 1);
            break;
        case 1: // midnight, or just around it
            start = QDateTime(now.date().addDays(-below(12)), QTime(0, 0), Qt::UTC)
                        .addSecs(below(3) - 1);
            break;
        default:
            start = now.addSecs(-qint64(m_random.bounded(12 * 86400)));
            break;
        }
        if (chance(15))
            start = start.addMSecs(1 + below(999));
        return start;
    }

    Recording recording(int index, const QDateTime &now) {
        Recording r;
        r.id = u"r-"_s + QString::number(index).rightJustified(4, u'0');
        r.tenant = pick(Tenants);
        r.start = startNear(now);
        r.durationMs = chance(80) ? pick(Durations) : qint64(m_random.bounded(7200000));
        r.direction = pick(Directions);
        r.callerNumber = pick(Numbers);
        r.callerName = pick(Names);
        r.calleeNumber = pick(Numbers);
        r.calleeName = pick(Names);
        r.users = subset(Users);
        r.groups = subset(Groups);
        r.categories = subset(Categories);
        r.sidecarPath = u"/archive/"_s + r.id + u".json"_s;
        r.audioSize = chance(80) ? pick(AudioSizes) : qint64(m_random.bounded(100000000));
        return r;
    }

    // A random group; `depth` counts from 1 at the top.
    QJsonObject group(const QList<Recording> &data, const QDateTime &now, int depth) {
        QJsonArray children;
        const int n = below(4) + (depth == 1 ? 1 : 0);
        for (int i = 0; i < n; ++i) {
            if (depth < 4 && chance(25))
                children.append(group(data, now, depth + 1));
            else
                children.append(condition(data, now));
        }
        QJsonObject json{{u"conditions"_s, children}};
        if (chance(60))
            json.insert(u"op"_s, chance(50) ? u"or"_s : u"and"_s);
        if (chance(20))
            json.insert(u"not"_s, true);
        return json;
    }

private:
    QJsonObject condition(const QList<Recording> &data, const QDateTime &now) {
        const FilterFieldInfo &field = pick(filterFields());
        const FilterOperator op = pick(field.operators);
        QJsonObject json{{u"field"_s, field.name}, {u"operator"_s, filterOperatorName(op)}};
        const QJsonValue value = valueFor(field, op, pick(data), now);
        if (!value.isUndefined())
            json.insert(u"value"_s, value);
        return json;
    }

    QJsonValue valueFor(const FilterFieldInfo &field, FilterOperator op, const Recording &sample,
                        const QDateTime &now) {
        switch (op) {
        case FilterOperator::IsEmpty:
        case FilterOperator::IsNotEmpty:
            return QJsonValue::Undefined;
        case FilterOperator::InLastDays:
        case FilterOperator::OlderThanDays:
            return below(14);
        case FilterOperator::Between:
            return between(field, sample, now);
        case FilterOperator::OneOf:
        case FilterOperator::NotOneOf: {
            QJsonArray items;
            const int n = 1 + below(3);
            for (int i = 0; i < n; ++i)
                items.append(text(field, op, sample));
            return items;
        }
        default:
            break;
        }
        if (field.type == FilterFieldType::Number)
            return number(field, sample);
        if (field.type == FilterFieldType::Time)
            return time(sample, now);
        return text(field, op, sample);
    }

    // Text taken from the data: whole, a part, case-changed, or made a pattern.
    QString text(const FilterFieldInfo &field, FilterOperator op, const Recording &r) {
        QString base;
        switch (field.field) {
        case FilterField::Id:
            base = r.id;
            break;
        case FilterField::Tenant:
            base = r.tenant;
            break;
        case FilterField::Direction:
            return pick(Directions);
        case FilterField::User:
            return r.users.isEmpty() || chance(30) ? pick(Users) : pick(r.users);
        case FilterField::Group:
            return r.groups.isEmpty() || chance(30) ? pick(Groups) : pick(r.groups);
        case FilterField::Category:
            return r.categories.isEmpty() || chance(30) ? pick(Categories) : pick(r.categories);
        case FilterField::CallerNumber:
        case FilterField::CalleeNumber:
            base = pick(Numbers);
            break;
        default:
            base = pick(Names + Numbers);
            break;
        }
        if (chance(20))
            base = chance(50) ? base.toUpper() : base.toLower();
        if (op == FilterOperator::Contains || op == FilterOperator::StartsWith ||
            op == FilterOperator::Matches) {
            // cut whole code points, never half a surrogate pair
            const QList<uint> codes = base.toUcs4();
            const int from = op == FilterOperator::StartsWith ? 0 : below(codes.size() + 1);
            const QList<uint> part = codes.mid(from, below(codes.size() - from + 1));
            base = QString::fromUcs4(reinterpret_cast<const char32_t *>(part.constData()),
                                     part.size());
        }
        if (op == FilterOperator::Matches)
            base = globify(base);
        return base;
    }

    QString globify(const QString &text) {
        const QList<uint> codes = text.toUcs4();
        QString out;
        if (chance(40))
            out += u'*';
        for (uint code : codes) {
            const int roll = below(10);
            if (roll == 0)
                out += u'?';
            else if (roll == 1)
                out += u'*';
            else
                out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        }
        if (chance(40))
            out += u'*';
        return out;
    }

    QJsonValue number(const FilterFieldInfo &field, const Recording &r) {
        const qint64 raw = field.field == FilterField::Duration ? r.durationMs : r.audioSize;
        if (field.scale == 1000) {
            // seconds, sometimes with a fraction that hits ms boundaries
            const qint64 ms = qMax<qint64>(0, raw + below(3) - 1);
            return chance(50) ? double(ms) / 1000.0 : double(ms / 1000);
        }
        return double(qMax<qint64>(0, raw + below(3) - 1));
    }

    QDateTime instant(const Recording &r, const QDateTime &now) {
        return chance(70) ? r.start : startNear(now);
    }

    QString time(const Recording &r, const QDateTime &now) { return timeText(instant(r, now)); }

    // A day, or the moment in UTC or with an offset: all cover `at`.
    QString timeText(const QDateTime &at) {
        switch (below(4)) {
        case 0:
            return at.toUTC().date().toString(Qt::ISODate);
        case 1: // same instant, written with an offset
            return at.toOffsetFromUtc(3600 * (below(5) - 2)).toString(Qt::ISODate);
        default:
            return at.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
        }
    }

    QJsonValue between(const FilterFieldInfo &field, const Recording &r, const QDateTime &now) {
        if (field.type == FilterFieldType::Time) {
            QDateTime a = instant(r, now), b = instant(r, now);
            if (b < a)
                std::swap(a, b);
            return QJsonArray{timeText(a), timeText(b)};
        }
        double a = number(field, r).toDouble(), b = number(field, r).toDouble();
        if (b < a)
            std::swap(a, b);
        return QJsonArray{a, b};
    }

    QRandomGenerator m_random;
};

QString describeRecording(const Recording &r) {
    return r.id + u" tenant="_s + r.tenant + u" start="_s + r.start.toString(Qt::ISODateWithMs) +
           u" durationMs="_s + QString::number(r.durationMs) + u" direction="_s + r.direction +
           u" caller=["_s + r.callerNumber + u"|"_s + r.callerName + u"] callee=["_s +
           r.calleeNumber + u"|"_s + r.calleeName + u"] users="_s + r.users.join(u',') +
           u" groups="_s + r.groups.join(u',') + u" categories="_s + r.categories.join(u',') +
           u" audio="_s + QString::number(r.audioSize);
}

} // namespace

class FilterAgreementTest : public QObject {
    Q_OBJECT

private slots:
    void sqlAgreesWithMemory();
};

void FilterAgreementTest::sqlAgreesWithMemory() {
    bool seedGiven = false;
    const quint32 envSeed = qEnvironmentVariable("REPLICALL_FILTER_SEED").toUInt(&seedGiven);
    const quint32 seed = seedGiven ? envSeed : DefaultSeed;
    qInfo("filter agreement seed: %u (set REPLICALL_FILTER_SEED to change)", seed);
    Generator gen(seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TestCatalog catalog(dir.filePath(u"catalog.db"_s));
    QVERIFY2(catalog.isOpen(), qPrintable(catalog.error()));

    // A "now" on a midnight, so day boundaries and "last N days" meet.
    const QList<QDateTime> nows = {QDateTime(QDate(2026, 11, 25), QTime(0, 0), Qt::UTC),
                                   QDateTime(QDate(2026, 11, 25), QTime(13, 37, 5), Qt::UTC)};
    QList<Recording> recordings;
    QVERIFY(catalog.beginBatch());
    for (int i = 0; i < RecordingCount; ++i) {
        recordings << gen.recording(i, nows.at(i % nows.size()));
        QVERIFY2(catalog.insert(1, recordings.constLast()), qPrintable(catalog.error()));
    }
    QVERIFY(catalog.commitBatch());

    qint64 combinations = 0, selected = 0, empty = 0;
    for (int f = 0; f < FilterCount; ++f) {
        const QDateTime now = nows.at(f % nows.size());
        const QJsonObject json = gen.group(recordings, now, 1);
        const QString jsonText =
            QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
        QString error;
        const std::optional<Filter> filter = Filter::fromJson(json, &error);
        QVERIFY2(filter, qPrintable(u"generated filter refused: "_s + error + u"\n"_s + jsonText));

        QStringList inMemory;
        for (const Recording &r : std::as_const(recordings)) {
            if (filter->matches(r, now))
                inMemory << r.id;
        }
        inMemory.sort();
        bool ok = false;
        const QStringList bySql = catalog.select(*filter, now, &ok, &error);
        QVERIFY2(ok, qPrintable(error));

        if (bySql != inMemory) {
            QString report = u"seed "_s + QString::number(seed) + u", filter #"_s +
                             QString::number(f) + u", now "_s + now.toString(Qt::ISODate) +
                             u"\nfilter: "_s + jsonText + u"\nreads: "_s + filter->describe();
            for (const Recording &r : std::as_const(recordings)) {
                const bool a = bySql.contains(r.id), b = inMemory.contains(r.id);
                if (a != b) {
                    report +=
                        u"\n"_s + (a ? u"SQL only: "_s : u"memory only: "_s) + describeRecording(r);
                }
            }
            QFAIL(qPrintable(report));
        }
        combinations += recordings.size();
        selected += inMemory.size();
        empty += inMemory.isEmpty() ? 1 : 0;
    }
    qInfo("checked %lld filter/recording combinations, %lld selected, %lld empty selections",
          combinations, selected, empty);
    // The generator must produce filters that actually select and reject.
    QVERIFY(selected > combinations / 20);
    QVERIFY(selected < combinations - combinations / 20);
    QVERIFY(empty < FilterCount / 2);
}

QTEST_GUILESS_MAIN(FilterAgreementTest)
#include "tst_filter_agreement.moc"
