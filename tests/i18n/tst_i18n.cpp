// SPDX-License-Identifier: GPL-3.0-or-later
// Runs under LANGUAGE=de: the translators are installed as the programs do
// it, then the real main window must show German menus, actions and column
// headers, and Qt's own buttons must be German too. The expected texts are
// written out here, so a missing or broken translation fails the test.
#include "Translations.h"
#include "UiFixture.h"
#include "editor/JobEditorDialog.h"
#include "filter/FilterFields.h"
#include "main/MainWindow.h"
#include "main/RunController.h"
#include "models/Format.h"
#include "models/JobListModel.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

// One <message> of a .ts file.
struct Message {
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<Message> readTs(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"name"_s) {
            context = xml.readElementText();
        } else if (xml.name() == u"message"_s) {
            Message message{context, {}, {}, false};
            while (xml.readNextStartElement()) {
                if (xml.name() == u"source"_s) {
                    message.source = xml.readElementText();
                } else if (xml.name() == u"translation"_s) {
                    const auto type = xml.attributes().value(u"type"_s);
                    message.unfinished =
                        type == u"unfinished"_s || type == u"vanished"_s || type == u"obsolete"_s;
                    message.translation = xml.readElementText();
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = u"%1: line %2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

// %1 ... %99 and %n: what QString::arg() and tr()'s plural fill in.
QSet<QString> placeholders(const QString &text) {
    static const QRegularExpression pattern(u"%(\\d{1,2}|n)"_s);
    QSet<QString> found;
    for (auto match = pattern.globalMatch(text); match.hasNext();)
        found.insert(match.next().captured());
    return found;
}

} // namespace

class TestI18n : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void systemLanguageIsGerman();
    void mainWindowMenusAreGerman();
    void mainWindowActionsAreGerman();
    void jobColumnsAreGerman();
    void jobEditorIsGerman();
    void filterFieldLabelsAreGerman();
    void qtButtonsAreGerman();
    void englishAndUnknownLanguagesInstallNothing();
    void translationFilesAreComplete();

private:
    Test::UiFixture m_fixture;
    QStringList m_installed;
    std::unique_ptr<RunController> m_runs;
    std::unique_ptr<JobListModel> m_jobs;
    std::unique_ptr<MainWindow> m_window;
};

void TestI18n::initTestCase() {
    // As app/desktop/main.cpp does, before the first window.
    m_installed = Translations::install();
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    QVERIFY2(m_fixture.addJob(u"berlin"_s, m_fixture.dir(),
                              QUrl(u"https://archive.example.com:8443"_s), "t", &error),
             qPrintable(error));
    m_runs = std::make_unique<RunController>(m_fixture.databasePath());
    m_jobs = std::make_unique<JobListModel>();
    m_window = std::make_unique<MainWindow>(m_jobs.get(), m_runs.get(), m_fixture.databasePath());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy loaded(m_jobs.get(), &JobListModel::loaded);
    m_jobs->reload();
    QVERIFY(loaded.wait(5000));
}

void TestI18n::cleanupTestCase() {
    m_window.reset();
    m_jobs.reset();
    if (m_runs)
        QVERIFY(m_runs->shutdown(20'000));
    m_runs.reset();
}

void TestI18n::systemLanguageIsGerman() {
    QCOMPARE(QLocale::system().uiLanguages().value(0).left(2), u"de"_s);
    // Replicall's own German, built into the program, and Qt's from Debian.
    QCOMPARE(m_installed.size(), 2);
    QVERIFY2(m_installed.at(0).startsWith(u":/i18n/replicall_de"_s), qPrintable(m_installed.at(0)));
    QVERIFY2(m_installed.at(1).startsWith(Translations::qtDirectory() + u"/qtbase_de"_s),
             qPrintable(m_installed.at(1)));
}

void TestI18n::mainWindowMenusAreGerman() {
    QStringList titles;
    for (QMenu *menu : m_window->menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly))
        titles << menu->title();
    for (const QString &german :
         {u"&Datei"_s, u"Auf&trag"_s, u"&Ansicht"_s, u"&Einstellungen"_s, u"&Hilfe"_s})
        QVERIFY2(titles.contains(german), qPrintable(titles.join(u" | "_s)));
}

void TestI18n::mainWindowActionsAreGerman() {
    const QList<std::pair<QString, QString>> expected = {
        {u"newJobAction"_s, u"&Neuer Auftrag…"_s},
        {u"editJobAction"_s, u"&Bearbeiten…"_s},
        {u"deleteJobAction"_s, u"&Löschen…"_s},
        {u"runNowAction"_s, u"&Jetzt ausführen"_s},
        {u"pauseAction"_s, u"&Pausieren"_s},
        {u"stopAction"_s, u"&Stoppen"_s},
        {u"exportReportAction"_s, u"Bericht e&xportieren…"_s},
        {u"quitAction"_s, u"&Beenden"_s},
    };
    for (const auto &[name, german] : expected) {
        auto *action = m_window->findChild<QAction *>(name);
        QVERIFY2(action, qPrintable(name));
        QCOMPARE(action->text(), german);
    }
    auto *newJob = m_window->findChild<QAction *>(u"newJobAction"_s);
    QCOMPARE(newJob->toolTip(), u"Einen Replikationsauftrag anlegen"_s);
}

void TestI18n::jobColumnsAreGerman() {
    auto *table = m_window->findChild<QTableView *>(u"jobTable"_s);
    QVERIFY(table);
    auto header = [table](int column) {
        return table->model()->headerData(column, Qt::Horizontal).toString();
    };
    QCOMPARE(header(JobListModel::TargetColumn), u"Ziel"_s);
    QCOMPARE(header(JobListModel::ModeColumn), u"Modus"_s);
    QCOMPARE(header(JobListModel::ScheduleColumn), u"Zeitplan"_s);
    QCOMPARE(header(JobListModel::StateColumn), u"Zustand"_s);
    QCOMPARE(header(JobListModel::LastRunColumn), u"Letzter Lauf"_s);
    QCOMPARE(header(JobListModel::NextRunColumn), u"Nächster Lauf"_s);
    // Cell texts too: the job was never run and runs by hand.
    QCOMPARE(table->model()->index(0, JobListModel::LastRunColumn).data().toString(), u"nie"_s);
    QCOMPARE(table->model()->index(0, JobListModel::ModeColumn).data().toString(),
             u"inkrementell"_s);
    QCOMPARE(table->model()->index(0, JobListModel::ScheduleColumn).data().toString(),
             u"manuell"_s);
    // Schedules and run triggers are words, not specs.
    QCOMPARE(Format::schedule(u"daily 02:00"_s), u"täglich um 02:00"_s);
    QCOMPARE(Format::schedule(u"every 3h"_s), u"alle 3 Stunden"_s);
    QCOMPARE(Format::trigger(u"catch-up"_s), u"verpasster Lauf nachgeholt"_s);
}

void TestI18n::jobEditorIsGerman() {
    JobEditorDialog dialog(m_window.get());
    Job job;
    job.name = u"Filiale Berlin"_s;
    dialog.setJob(job);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *tabs = dialog.findChild<QTabWidget *>(u"tabs"_s);
    QVERIFY(tabs);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles << tabs->tabText(i);
    QCOMPARE(titles, QStringList({u"&Allgemein"_s, u"Ü&bertragung"_s, u"&Filter"_s, u"Zeit&plan"_s,
                                  u"Nach &Erfolg"_s}));
    QCOMPARE(dialog.findChild<QPushButton *>(u"saveButton"_s)->text(), u"Speichern"_s);
    QCOMPARE(dialog.findChild<QPushButton *>(u"cancelButton"_s)->text(), u"Abbrechen"_s);

    // REPLICALL_SCREENSHOT_DIR=docs/user-guide: the German tabs for the guide.
    const QString dir = qEnvironmentVariable("REPLICALL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(100);
            const QString file = u"job-editor-%1-de.png"_s.arg(tabs->widget(i)->objectName());
            QVERIFY(dialog.grab().save(QDir(dir).filePath(file)));
        }
    }
}

void TestI18n::filterFieldLabelsAreGerman() {
    // core/filter keeps its labels English and marks them for lupdate; the
    // filter builder translates them in this context.
    for (const FilterFieldInfo &field : filterFields()) {
        const QString shown = QCoreApplication::translate("Replicall::FilterFields",
                                                          field.label.toUtf8().constData());
        QVERIFY2(shown != field.label, qPrintable(field.label + u" is not translated"_s));
    }
    QCOMPARE(QCoreApplication::translate("Replicall::FilterFields", "tenant"), u"Mandant"_s);
}

void TestI18n::qtButtonsAreGerman() {
    // These texts come from qtbase_de.qm, not from Replicall's translation.
    // Desktop themes add shortcuts ("&Abbrechen"), the generic one does not.
    QDialogButtonBox box(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(u'&'), u"Abbrechen"_s);
    QCOMPARE(box.button(QDialogButtonBox::Save)->text().remove(u'&'), u"Speichern"_s);
}

void TestI18n::englishAndUnknownLanguagesInstallNothing() {
    // English is the source language. Replicall has no French, so a French
    // user gets English throughout, and not Qt's French buttons beside it.
    QCOMPARE(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)),
             QStringList());
    QVERIFY(QFile::exists(Translations::qtDirectory() + u"/qtbase_fr.qm"_s));
    QCOMPARE(Translations::install(QLocale(QLocale::French, QLocale::France)), QStringList());
}

void TestI18n::translationFilesAreComplete() {
    const QDir dir(QStringLiteral(REPLICALL_TS_DIR));
    const QStringList files = dir.entryList({u"replicall_*.ts"_s}, QDir::Files);
    QVERIFY2(files.contains(u"replicall_de.ts"_s), qPrintable(dir.path()));
    for (const QString &name : files) {
        QString error;
        const QList<Message> messages = readTs(dir.filePath(name), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 300, qPrintable(name)); // the desktop app alone has more
        for (const Message &message : messages) {
            const QString where = u"%1, %2: \"%3\""_s.arg(name, message.context, message.source);
            QVERIFY2(!message.unfinished && !message.translation.isEmpty(),
                     qPrintable(where + u" is not translated"_s));
            QVERIFY2(placeholders(message.translation) == placeholders(message.source),
                     qPrintable(where + u" changes its placeholders: "_s + message.translation));
            QVERIFY2(message.source.contains(u'&') == message.translation.contains(u'&'),
                     qPrintable(where + u" gains or loses its shortcut: "_s + message.translation));
        }
    }
}

int main(int argc, char *argv[]) {
    // Before the application exists: QLocale::system() reads these once.
    qputenv("LANGUAGE", "de");
    qputenv("LANG", "de_DE.UTF-8");
    QApplication app(argc, argv);
    TestI18n test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_i18n.moc"
