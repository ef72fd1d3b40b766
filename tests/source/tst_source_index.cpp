// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog side of the source: indexing a real archive into a real SQLite
// catalog, incremental re-indexing, problems, category actions and removal.
#include "model/FileStat.h"
#include "source/ArchiveIndexer.h"
#include "source/CatalogReader.h"
#include "source/CategoryActions.h"
#include "source/DemoArchiveWriter.h"
#include "source/Sidecar.h"
#include "source/SourceRemover.h"
#include "store/Database.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

const QDateTime Epoch2025(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);

// Sets the mtime of every file and folder below root (and root) to `when`,
// as if the archive had been written long ago.
void ageTree(const QString &root, const QDateTime &when = Epoch2025) {
    const struct timespec time { when.toSecsSinceEpoch(), 0 };
    const struct timespec times[2]{time, time};
    QStringList paths{root};
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        paths.append(it.next());
    // Deepest first: touching a file does not change its folder's mtime, but
    // being thorough costs nothing.
    std::sort(paths.begin(), paths.end(), std::greater<>());
    for (const QString &path : std::as_const(paths))
        QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0);
}

QJsonObject callJson(const QString &id, const QString &audio) {
    QJsonObject call{{u"id"_s, id},
                     {u"tenant"_s, u"acme"_s},
                     {u"start"_s, u"2026-11-20T08:15:00Z"_s},
                     {u"durationMs"_s, 1000},
                     {u"direction"_s, u"inbound"_s},
                     {u"caller"_s, QJsonObject{{u"number"_s, u"+4930123"_s}, {u"name"_s, u""_s}}},
                     {u"callee"_s, QJsonObject{{u"number"_s, u"201"_s}, {u"name"_s, u"A"_s}}},
                     {u"categories"_s, QJsonArray{u"complaint"_s}}};
    if (!audio.isEmpty())
        call.insert(u"audio"_s, audio);
    return call;
}

// Written like a recorder does: to a '.' name, then renamed.
void writeAtomically(const QString &path, const QByteArray &data) {
    const QString temporary =
        QFileInfo(path).absolutePath() + u"/."_s + QFileInfo(path).fileName() + u".part"_s;
    QFile file(temporary);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
    file.close();
    QVERIFY(::rename(QFile::encodeName(temporary).constData(),
                     QFile::encodeName(path).constData()) == 0);
}

void writeCall(const QString &dir, const QJsonObject &call) {
    QDir().mkpath(dir);
    writeAtomically(dir + u'/' + call.value(u"id"_s).toString() + u".json"_s,
                    QJsonDocument(call).toJson());
}

void writeAudio(const QString &path, int size = 4000) {
    writeAtomically(path, QByteArray(size, 'a'));
}

// An empty recording when the catalog lacks it, so the comparisons after fail
// instead of the test crashing.
Recording rowOf(const CatalogReader &catalog, qint64 sourceId, const QString &id) {
    return catalog.recording(sourceId, id).value_or(Recording{});
}

QString counts(const IndexResult &r) {
    return u"ok=%1 error='%2' added=%3 updated=%4 removed=%5 read=%6 skipped=%7 problems=[%8]"_s
        .arg(r.ok)
        .arg(r.error)
        .arg(r.added)
        .arg(r.updated)
        .arg(r.removed)
        .arg(r.foldersRead)
        .arg(r.foldersSkipped)
        .arg(r.problems.join(u"; "_s));
}

#define COMPARE_COUNTS(result, a, u, r, p)                                                         \
    do {                                                                                           \
        const IndexResult &res_ = (result);                                                        \
        QVERIFY2(res_.ok &&res_.added == (a) && res_.updated == (u) && res_.removed == (r) &&      \
                     res_.problems.size() == (p),                                                  \
                 qPrintable(counts(res_)));                                                        \
    } while (false)

} // namespace

class TestSourceIndex : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_archive;
    int m_round = 0;

    DemoResult writeDemo(int calls, bool withAudio = true, int days = 3) {
        DemoOptions options;
        options.outDir = m_archive;
        options.calls = calls;
        options.days = days;
        options.maxDurationSeconds = 6;
        options.withAudio = withAudio;
        options.end = QDateTime(QDate(2026, 11, 20), QTime(18, 0), Qt::UTC);
        DemoResult result;
        QString error;
        if (!DemoArchiveWriter::write(options, &result, &error))
            qWarning("%s", qPrintable(error));
        return result;
    }

    QString dayDir() const { return m_archive + u"/acme/2026/11/20"_s; }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        ++m_round;
        m_archive = m_dir.filePath(u"archive-%1"_s.arg(m_round));
        QVERIFY(QDir().mkpath(m_archive));
        QString error;
        QVERIFY2(Database::open(m_dir.filePath(u"state-%1.sqlite"_s.arg(m_round)), &error),
                 qPrintable(error));
    }

    void indexesDemoArchiveAndSkipsUnchangedFolders() {
        const DemoResult demo = writeDemo(30);
        QCOMPARE(demo.calls, 30);
        ageTree(m_archive);

        ArchiveIndexer indexer(m_archive);
        const IndexResult first = indexer.index();
        COMPARE_COUNTS(first, 30, 0, 0, 0);
        QVERIFY(first.foldersRead >= 1 + 2 + 2 + 2 + 3); // root, tenants, years, months, days

        CatalogReader catalog;
        QCOMPARE(catalog.sourceIdFor(m_archive), first.sourceId);
        QCOMPARE(catalog.count(first.sourceId), 30);
        QCOMPARE(catalog.tenants(first.sourceId), (QStringList{u"acme"_s, u"globex"_s}));
        QVERIFY(catalog.scannedAt(first.sourceId).isValid());

        // Every row is what the sidecar says, with the audio's size.
        QDirIterator sidecars(m_archive, {u"c-*.json"_s}, QDir::Files,
                              QDirIterator::Subdirectories);
        int checked = 0;
        while (sidecars.hasNext()) {
            const QString path = sidecars.next();
            ++checked;
            QString error;
            const auto parsed = Sidecar::load(path, &error);
            QVERIFY2(parsed, qPrintable(error));
            const auto row = catalog.recording(first.sourceId, parsed->id);
            QVERIFY(row);
            QCOMPARE(row->tenant, parsed->tenant);
            QCOMPARE(row->start, parsed->start);
            QCOMPARE(row->durationMs, parsed->durationMs);
            QCOMPARE(row->callerNumber, parsed->callerNumber);
            QCOMPARE(row->categories, parsed->categories);
            QCOMPARE(row->sidecarPath, path);
            QCOMPARE(row->audioPath, parsed->audioPath);
            QCOMPARE(row->audioSize, QFileInfo(parsed->audioPath).size());
            QCOMPARE(row->audioMtimeMs, Epoch2025.toMSecsSinceEpoch());
            QCOMPARE(row->metadataSha256, parsed->metadataSha256);
            QCOMPARE(row->metadata, parsed->metadata);
        }

        QCOMPARE(checked, 30);

        // Nothing changed: only the folders are looked at.
        const IndexResult second = indexer.index();
        COMPARE_COUNTS(second, 0, 0, 0, 0);
        QCOMPARE(second.foldersRead, 0);
        QCOMPARE(second.foldersSkipped, first.foldersRead);
        QCOMPARE(second.sourceId, first.sourceId);
    }

    void freshFoldersAreReadAgainButCountNothing() {
        writeDemo(10);
        ArchiveIndexer indexer(m_archive);
        COMPARE_COUNTS(indexer.index(), 10, 0, 0, 0);
        // Written just now: folders may still change within the same clock
        // tick, so they are read again — and nothing is counted twice.
        const IndexResult second = indexer.index();
        COMPARE_COUNTS(second, 0, 0, 0, 0);
        QVERIFY(second.foldersRead > 0);
        // Once they are old enough they are skipped.
        indexer.setClock([] { return QDateTime::currentDateTimeUtc().addSecs(60); });
        indexer.index();
        QCOMPARE(indexer.index().foldersRead, 0);
    }

    void picksUpAddedChangedAndDeletedCalls() {
        writeCall(dayDir(), callJson(u"c-1"_s, u"c-1.wav"_s));
        writeAudio(dayDir() + u"/c-1.wav"_s);
        writeCall(dayDir(), callJson(u"c-2"_s, u"c-2.wav"_s));
        writeAudio(dayDir() + u"/c-2.wav"_s);
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        COMPARE_COUNTS(indexer.index(), 2, 0, 0, 0);

        // A new call, a changed call, a deleted call.
        writeCall(dayDir(), callJson(u"c-3"_s, QString()));
        QJsonObject changed = callJson(u"c-1"_s, u"c-1.wav"_s);
        changed.insert(u"durationMs"_s, 777);
        writeCall(dayDir(), changed);
        QVERIFY(QFile::remove(dayDir() + u"/c-2.json"_s));
        QVERIFY(QFile::remove(dayDir() + u"/c-2.wav"_s));

        const IndexResult result = indexer.index();
        COMPARE_COUNTS(result, 1, 1, 1, 0);
        CatalogReader catalog;
        const qint64 source = result.sourceId;
        QCOMPARE(catalog.count(source), 2);
        QCOMPARE(rowOf(catalog, source, u"c-1"_s).durationMs, 777);
        QVERIFY(!catalog.recording(source, u"c-2"_s));
        QVERIFY(rowOf(catalog, source, u"c-3"_s).audioPath.isEmpty());

        // Audio replaced in place (the folder's mtime does not change):
        // noticed while the folder is still fresh from the last change.
        writeAudio(dayDir() + u"/c-1.wav"_s, 9000);
        COMPARE_COUNTS(indexer.index(), 0, 1, 0, 0);
        QCOMPARE(rowOf(catalog, source, u"c-1"_s).audioSize, 9000);
    }

    void removedFolderRemovesItsCalls() {
        writeDemo(12, false, 2);
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        const IndexResult first = indexer.index();
        COMPARE_COUNTS(first, 12, 0, 0, 0);
        CatalogReader catalog;
        const int acme = int(catalog.count(first.sourceId, {u"acme"_s}));
        QVERIFY(acme > 0);

        QVERIFY(QDir(m_archive + u"/acme"_s).removeRecursively());
        COMPARE_COUNTS(indexer.index(), 0, 0, acme, 0);
        QCOMPARE(catalog.count(first.sourceId), 12 - acme);
        QSqlQuery dirs(Database::connection());
        QVERIFY(dirs.exec(u"SELECT count(*) FROM source_dirs WHERE rel_path LIKE 'acme%'"_s));
        QVERIFY(dirs.next());
        QCOMPARE(dirs.value(0).toInt(), 0);
    }

    void missingAudioIsAProblemUntilItArrives() {
        writeCall(dayDir(), callJson(u"c-1"_s, u"c-1.wav"_s));
        // A recorder's temporary file is never read.
        writeAtomically(dayDir() + u"/.c-2.json.part"_s, "{broken");
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        const IndexResult first = indexer.index();
        COMPARE_COUNTS(first, 0, 0, 0, 1);
        QCOMPARE(first.problems.first(),
                 u"acme/2026/11/20/c-1.json: the audio file 'c-1.wav' does not exist (yet)"_s);
        CatalogReader catalog;
        QCOMPARE(catalog.count(first.sourceId), 0);
        QCOMPARE(catalog.problems(first.sourceId).size(), 1);
        QCOMPARE(catalog.problems(first.sourceId).first().sidecarPath, dayDir() + u"/c-1.json"_s);

        // Still missing: reported again, nothing else changes.
        COMPARE_COUNTS(indexer.index(), 0, 0, 0, 1);

        // The audio arrives; the folder's mtime is even put back to what it
        // was, so only the folder being kept "not done" brings the call in.
        writeAudio(dayDir() + u"/c-1.wav"_s);
        ageTree(m_archive);
        COMPARE_COUNTS(indexer.index(), 1, 0, 0, 0);
        QVERIFY(catalog.problems(first.sourceId).isEmpty());
        QCOMPARE(indexer.index().foldersRead, 0);
    }

    void badSidecarIsReportedUntilFixed() {
        QJsonObject bad = callJson(u"c-1"_s, QString());
        bad.insert(u"start"_s, u"soon"_s);
        writeCall(dayDir(), bad);
        ArchiveIndexer indexer(m_archive);
        const IndexResult first = indexer.index();
        COMPARE_COUNTS(first, 0, 0, 0, 1);
        QCOMPARE(first.problems.first(), u"acme/2026/11/20/c-1.json: field 'start' ('soon') is "
                                         "not an ISO-8601 time"_s);

        writeCall(dayDir(), callJson(u"c-1"_s, QString()));
        COMPARE_COUNTS(indexer.index(), 1, 0, 0, 0);
        QVERIFY(CatalogReader().problems(first.sourceId).isEmpty());
    }

    void duplicateIdIsAProblem() {
        writeCall(dayDir(), callJson(u"c-1"_s, QString()));
        QJsonObject twin = callJson(u"c-1"_s, QString());
        QDir().mkpath(m_archive + u"/acme/2026/11/21"_s);
        writeAtomically(m_archive + u"/acme/2026/11/21/other.json"_s, QJsonDocument(twin).toJson());
        ArchiveIndexer indexer(m_archive);
        const IndexResult result = indexer.index();
        COMPARE_COUNTS(result, 1, 0, 0, 1);
        QVERIFY2(result.problems.first().contains(u"the id 'c-1' is already used by"_s),
                 qPrintable(result.problems.first()));
    }

    void indexOneForContinuousMode() {
        ArchiveIndexer indexer(m_archive);
        COMPARE_COUNTS(indexer.index(), 0, 0, 0, 0);

        writeCall(dayDir(), callJson(u"c-1"_s, u"c-1.wav"_s));
        QString error;
        QVERIFY(!indexer.indexOne(dayDir() + u"/c-1.json"_s, &error));
        QCOMPARE(error,
                 u"acme/2026/11/20/c-1.json: the audio file 'c-1.wav' does not exist (yet)"_s);

        writeAudio(dayDir() + u"/c-1.wav"_s);
        QVERIFY2(indexer.indexOne(dayDir() + u"/c-1.json"_s, &error), qPrintable(error));
        CatalogReader catalog;
        const qint64 source = *catalog.sourceIdFor(m_archive);
        QCOMPARE(catalog.count(source), 1);
        QVERIFY(catalog.problems(source).isEmpty());
        // The full scan that follows finds nothing new.
        COMPARE_COUNTS(indexer.index(), 0, 0, 0, 0);

        QVERIFY(!indexer.indexOne(m_dir.filePath(u"elsewhere.json"_s), &error));
        QVERIFY2(error.contains(u"is not a sidecar inside the archive"_s), qPrintable(error));

        QVERIFY(QFile::remove(dayDir() + u"/c-1.json"_s));
        QVERIFY(!indexer.indexOne(dayDir() + u"/c-1.json"_s, &error));
        QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
        QCOMPARE(catalog.count(source), 0);
    }

    void categoryActionsRoundTrip() {
        writeCall(dayDir(), callJson(u"c-1"_s, u"c-1.wav"_s));
        writeAudio(dayDir() + u"/c-1.wav"_s);
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        const IndexResult first = indexer.index();
        COMPARE_COUNTS(first, 1, 0, 0, 0);
        const QString sidecar = dayDir() + u"/c-1.json"_s;
        const QJsonObject before = Sidecar::load(sidecar, nullptr)->metadata;

        QString sha, error;
        QVERIFY2(CategoryActions::apply(sidecar, {u"replicated"_s, u"vip"_s}, {u"complaint"_s},
                                        &sha, &error),
                 qPrintable(error));
        const auto after = Sidecar::load(sidecar, &error);
        QVERIFY2(after, qPrintable(error));
        QCOMPARE(after->categories, (QStringList{u"replicated"_s, u"vip"_s}));
        QCOMPARE(sha, QString::fromLatin1(after->metadataSha256));
        QJsonObject expected = before;
        expected.insert(u"categories"_s, QJsonArray{u"replicated"_s, u"vip"_s});
        QCOMPARE(after->metadata, expected); // every other field as it was

        const Recording row = rowOf(CatalogReader(), first.sourceId, u"c-1"_s);
        QCOMPARE(row.categories, after->categories);
        QCOMPARE(QString::fromLatin1(row.metadataSha256), sha);
        QCOMPARE(row.metadata, after->metadata);
        // The job's own change is not a change of the call.
        COMPARE_COUNTS(indexer.index(), 0, 0, 0, 0);

        // Nothing to do: the file is not rewritten.
        const FileStat unchanged = FileStat::of(sidecar);
        QString again;
        QVERIFY(CategoryActions::apply(sidecar, {u"vip"_s}, {u"complaint"_s}, &again, &error));
        QCOMPARE(again, sha);
        QCOMPARE(FileStat::of(sidecar).mtimeNs, unchanged.mtimeNs);

        QVERIFY(!CategoryActions::apply(sidecar, {u" "_s}, {}, &again, &error));
        QVERIFY2(error.contains(u"a category name is empty"_s), qPrintable(error));
        QVERIFY(!CategoryActions::apply(dayDir() + u"/none.json"_s, {u"a"_s}, {}, &again, &error));
        QVERIFY2(error.startsWith(u"none.json: cannot change the categories"_s), qPrintable(error));
    }

    void recorderChangeBeforeCategoryActionIsStillSeen() {
        writeCall(dayDir(), callJson(u"c-1"_s, QString()));
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        const qint64 source = indexer.index().sourceId;

        // The recorder rewrites the call after indexing; then the job's action runs.
        QJsonObject changed = callJson(u"c-1"_s, QString());
        changed.insert(u"durationMs"_s, 4242);
        writeCall(dayDir(), changed);
        QString sha, error;
        QVERIFY2(CategoryActions::apply(dayDir() + u"/c-1.json"_s, {u"done"_s}, {}, &sha, &error),
                 qPrintable(error));
        COMPARE_COUNTS(indexer.index(), 0, 1, 0, 0);
        const Recording row = rowOf(CatalogReader(), source, u"c-1"_s);
        QCOMPARE(row.durationMs, 4242);
        QCOMPARE(row.categories, (QStringList{u"complaint"_s, u"done"_s}));
        QCOMPARE(QString::fromLatin1(row.metadataSha256), sha);
    }

    void removerDeletesFilesAndRow() {
        writeCall(dayDir(), callJson(u"c-1"_s, u"c-1.wav"_s));
        writeAudio(dayDir() + u"/c-1.wav"_s);
        writeCall(dayDir(), callJson(u"c-2"_s, u"c-2.wav"_s));
        writeAudio(dayDir() + u"/c-2.wav"_s);
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        const qint64 source = indexer.index().sourceId;
        CatalogReader catalog;

        // The audio changed after indexing: the replicated copy would not be
        // this file, so it is kept.
        const Recording second = rowOf(catalog, source, u"c-2"_s);
        writeAudio(second.audioPath, 5000);
        QString error;
        QVERIFY(!SourceRemover::remove(second, &error));
        QVERIFY2(error.contains(u"changed since it was indexed"_s), qPrintable(error));
        QVERIFY(QFile::exists(second.audioPath) && QFile::exists(second.sidecarPath));

        const Recording first = rowOf(catalog, source, u"c-1"_s);
        QVERIFY2(SourceRemover::remove(first, &error), qPrintable(error));
        QVERIFY(!QFile::exists(first.audioPath));
        QVERIFY(!QFile::exists(first.sidecarPath));
        QVERIFY(!catalog.recording(source, u"c-1"_s));
        const IndexResult next = indexer.index();
        QVERIFY2(next.ok && next.added == 0 && next.removed == 0 && next.problems.isEmpty(),
                 qPrintable(counts(next)));
    }

    void readerListsWhatTheCatalogKnows() {
        writeDemo(40, false, 5);
        ArchiveIndexer indexer(m_archive);
        const qint64 source = indexer.index().sourceId;
        CatalogReader catalog;
        QCOMPARE(catalog.recordings(source).size(), 40);
        const QList<Recording> acme = catalog.recordings(source, {u"acme"_s});
        QVERIFY(!acme.isEmpty() && acme.size() < 40);
        for (qsizetype i = 0; i < acme.size(); ++i) {
            QCOMPARE(acme.at(i).tenant, u"acme"_s);
            if (i > 0)
                QVERIFY(acme.at(i - 1).start <= acme.at(i).start);
        }
        QCOMPARE(catalog.count(source, {u"acme"_s, u"globex"_s}), 40);
        QVERIFY(catalog.users(source).contains(u"u-101"_s));
        QCOMPARE(catalog.groups(source).first(), u"g-billing"_s);
        QVERIFY(!catalog.categories(source).isEmpty());
        QVERIFY(!catalog.sourceIdFor(m_dir.filePath(u"never-indexed"_s)));
        QVERIFY(!catalog.recording(source, u"c-none"_s));
    }

    void twoThreadsIndexingOneArchiveBothSucceed() {
        // Two jobs on one archive index it at the same time, each on its own
        // thread with its own connection, as the engine runs them. Small
        // batches make their transactions interleave many times; a deferred
        // BEGIN failed here with "database is locked".
        QCOMPARE(writeDemo(240, false, 4).calls, 240);
        ageTree(m_archive);
        for (int round = 1; round <= 5; ++round) {
            QString error;
            QVERIFY2(Database::open(m_dir.filePath(u"together-%1.sqlite"_s.arg(round)), &error),
                     qPrintable(error));
            QSemaphore ready;
            QSemaphore go;
            IndexResult results[2];
            std::unique_ptr<QThread> threads[2];
            for (int i = 0; i < 2; ++i) {
                threads[i].reset(QThread::create([&, i] {
                    ArchiveIndexer indexer(m_archive);
                    indexer.setBatchSize(7);
                    ready.release();
                    go.acquire();
                    results[i] = indexer.index();
                    Database::closeConnection();
                }));
                threads[i]->start();
            }
            ready.acquire(2);
            go.release(2);
            for (const auto &thread : threads)
                QVERIFY(thread->wait(120'000));

            for (const IndexResult &result : results)
                QVERIFY2(result.ok && result.problems.isEmpty(), qPrintable(counts(result)));
            QCOMPARE(results[0].sourceId, results[1].sourceId);
            // Either may have written a row first; none is lost or left twice.
            QVERIFY2(results[0].added + results[1].added >= 240,
                     qPrintable(counts(results[0]) + u" | "_s + counts(results[1])));
            CatalogReader catalog;
            QCOMPARE(catalog.count(results[0].sourceId), 240);
            QVERIFY(catalog.problems(results[0].sourceId).isEmpty());
            // Every folder was stored as indexed: the next run reads none.
            const IndexResult after = ArchiveIndexer(m_archive).index();
            COMPARE_COUNTS(after, 0, 0, 0, 0);
            QCOMPARE(after.foldersRead, 0);
        }
    }

    void missingArchiveFailsClearly() {
        ArchiveIndexer indexer(m_dir.filePath(u"no-such-archive"_s));
        const IndexResult result = indexer.index();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(u"does not exist"_s), qPrintable(result.error));
    }

    void noChangeReindexOfManyCallsIsFast() {
        // 6000 calls over 60 days: the unchanged re-index must cost folder
        // stats only, which is what keeps a million-call archive cheap.
        const DemoResult demo = writeDemo(6000, false, 60);
        QCOMPARE(demo.calls, 6000);
        ageTree(m_archive);
        ArchiveIndexer indexer(m_archive);
        QElapsedTimer timer;
        timer.start();
        const IndexResult first = indexer.index();
        const qint64 firstMs = timer.elapsed();
        COMPARE_COUNTS(first, 6000, 0, 0, 0);

        timer.restart();
        const IndexResult second = indexer.index();
        const qint64 secondMs = timer.elapsed();
        COMPARE_COUNTS(second, 0, 0, 0, 0);
        QCOMPARE(second.foldersRead, 0);
        qInfo("first index %lld ms, unchanged re-index %lld ms over %d folders", firstMs, secondMs,
              second.foldersSkipped);
        QVERIFY2(secondMs < 1000, qPrintable(QString::number(secondMs)));
    }
};

QTEST_GUILESS_MAIN(TestSourceIndex)
#include "tst_source_index.moc"
