<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Autostart</name>
    <message>
        <source>cannot remove %1</source>
        <translation>kann %1 nicht entfernen</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>kann den Ordner %1 nicht anlegen</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>ExportReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>Auf&amp;trag</translation>
    </message>
    <message>
        <source>One job, or every job in one report</source>
        <translation>Ein Auftrag oder alle Aufträge in einem Bericht</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>The first call day of the report (UTC)</source>
        <translation>Der erste Anruftag des Berichts (UTC)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>The last call day of the report (UTC), included</source>
        <translation>Der letzte Anruftag des Berichts (UTC), einschließlich</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>CSV has the numbers per day; HTML and PDF add runs, failures, coverage and a chart</source>
        <translation>CSV enthält die Zahlen pro Tag; HTML und PDF zusätzlich Läufe, Fehler, Abdeckung und ein Diagramm</translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation>&amp;Speichern unter</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>teilweise</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>transient</source>
        <translation>vorübergehend</translation>
    </message>
    <message>
        <source>fatal</source>
        <translation>schwerwiegend</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>continuous</source>
        <translation>kontinuierlich</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>every %1 hours</source>
        <translation>alle %1 Stunden</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>alle %1 Minuten</translation>
    </message>
    <message>
        <source>daily at %1</source>
        <translation>täglich um %1</translation>
    </message>
    <message>
        <source>weekly on %1 at %2</source>
        <translation>wöchentlich %1 um %2</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>missed run caught up</source>
        <translation>verpasster Lauf nachgeholt</translation>
    </message>
    <message>
        <source>new calls</source>
        <translation>neue Anrufe</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
</context>
<context>
    <name>JobActions</name>
    <message>
        <source>Cannot delete job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Job &apos;%1&apos; was deleted, but its token could not be removed from the keychain: %2</source>
        <translation>Auftrag „%1“ wurde gelöscht, aber sein Token konnte nicht aus dem Schlüsselbund entfernt werden: %2</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (Kopie %2)</translation>
    </message>
    <message>
        <source>Cannot duplicate job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht dupliziert werden: %2</translation>
    </message>
    <message>
        <source>Cannot duplicate job &apos;%1&apos;: its token cannot be read: %2</source>
        <translation>Auftrag „%1“ kann nicht dupliziert werden: sein Token ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>Cannot duplicate job &apos;%1&apos;: the token cannot be stored: %2</source>
        <translation>Auftrag „%1“ kann nicht dupliziert werden: das Token kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot enable job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht aktiviert werden: %2</translation>
    </message>
    <message>
        <source>Cannot disable job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht deaktiviert werden: %2</translation>
    </message>
</context>
<context>
    <name>JobEditorLauncher</name>
    <message>
        <source>Cannot store the token of job &apos;%1&apos;: %2</source>
        <translation>Das Token von Auftrag „%1“ kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot save job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot create job &apos;%1&apos;: %2</source>
        <translation>Auftrag „%1“ kann nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>JobStatusPage</name>
    <message>
        <source>No job selected</source>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <source>Current run</source>
        <translation>Aktueller Lauf</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>%v of %m files</source>
        <translation>%v von %m Dateien</translation>
    </message>
    <message>
        <source>The recordings being uploaded now</source>
        <translation>Die Aufzeichnungen, die gerade hochgeladen werden</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Statistics per day</source>
        <translation>Statistik pro Tag</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export a report of this job over these days as CSV, HTML or PDF</source>
        <translation>Einen Bericht dieses Auftrags über diese Tage als CSV, HTML oder PDF exportieren</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Laufverlauf</translation>
    </message>
    <message>
        <source>Failed recordings</source>
        <translation>Fehlgeschlagene Aufzeichnungen</translation>
    </message>
    <message>
        <source>Retry &amp;failed</source>
        <translation>Fehlgeschlagene &amp;wiederholen</translation>
    </message>
    <message>
        <source>Runs the job again: failed recordings are not in the ledger, so they are tried again</source>
        <translation>Führt den Auftrag erneut aus: Fehlgeschlagene Aufzeichnungen stehen nicht im Journal und werden daher erneut versucht</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Replicall</source>
        <translation>Replicall</translation>
    </message>
    <message>
        <source>Filter jobs by name or target…</source>
        <translation>Aufträge nach Name oder Ziel filtern…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>Auf&amp;trag</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>&amp;New job…</source>
        <translation>&amp;Neuer Auftrag…</translation>
    </message>
    <message>
        <source>Create a replication job</source>
        <translation>Einen Replikationsauftrag anlegen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected job (Enter)</source>
        <translation>Den ausgewählten Auftrag bearbeiten (Eingabetaste)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Create a copy of the selected job</source>
        <translation>Eine Kopie des ausgewählten Auftrags anlegen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected job with its history</source>
        <translation>Den ausgewählten Auftrag samt Verlauf löschen</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>Run the selected job now</source>
        <translation>Den ausgewählten Auftrag jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the selected job; unfinished uploads resume later</source>
        <translation>Den ausgewählten Auftrag pausieren; unfertige Uploads werden später fortgesetzt</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the paused job</source>
        <translation>Den pausierten Auftrag fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop the selected job</source>
        <translation>Den ausgewählten Auftrag stoppen</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>A&amp;ktiviert</translation>
    </message>
    <message>
        <source>Enable or disable the selected job&apos;s schedule</source>
        <translation>Den Zeitplan des ausgewählten Auftrags aktivieren oder deaktivieren</translation>
    </message>
    <message>
        <source>Run &amp;all now</source>
        <translation>&amp;Alle jetzt ausführen</translation>
    </message>
    <message>
        <source>Run every enabled job now</source>
        <translation>Alle aktivierten Aufträge jetzt ausführen</translation>
    </message>
    <message>
        <source>Pause a&amp;ll</source>
        <translation>Alle pausie&amp;ren</translation>
    </message>
    <message>
        <source>Pause every running job</source>
        <translation>Alle laufenden Aufträge pausieren</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export a report of the replicated recordings</source>
        <translation>Einen Bericht über die replizierten Aufzeichnungen exportieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the jobs again</source>
        <translation>Die Aufträge neu einlesen</translation>
    </message>
    <message>
        <source>&amp;About Replicall</source>
        <translation>&amp;Über Replicall</translation>
    </message>
</context>
<context>
    <name>NotificationGroup</name>
    <message>
        <source>%1 %2: %3 uploaded, %4 skipped, %5 failed</source>
        <translation>%1 %2: %3 hochgeladen, %4 übersprungen, %5 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2 failed, e.g. %3</source>
        <translation>%1: %2 fehlgeschlagen, z. B. %3</translation>
    </message>
    <message>
        <source>Replication runs failed: %1</source>
        <translation>Fehlgeschlagene Replikationsläufe: %1</translation>
    </message>
    <message>
        <source>Replication runs finished: %1</source>
        <translation>Beendete Replikationsläufe: %1</translation>
    </message>
    <message>
        <source>Recordings failed: %1</source>
        <translation>Fehlgeschlagene Aufzeichnungen: %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
</context>
<context>
    <name>Replicall::CatalogLoader</name>
    <message>
        <source>No archive folder chosen</source>
        <translation>Kein Archivordner gewählt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an absolute path</source>
        <translation>„%1“ ist kein absoluter Pfad</translation>
    </message>
    <message>
        <source>The folder &apos;%1&apos; does not exist</source>
        <translation>Der Ordner „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>The state database is not open, so the archive cannot be indexed</source>
        <translation>Die Zustandsdatenbank ist nicht geöffnet, daher kann das Archiv nicht indiziert werden</translation>
    </message>
    <message>
        <source>Indexing &apos;%1&apos; failed: %2</source>
        <translation>Indizieren von „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading the catalog failed: %1</source>
        <translation>Lesen des Katalogs fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>Replicall::ConnectionReport</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>✔ Connection works</source>
        <translation>✔ Verbindung funktioniert</translation>
    </message>
    <message>
        <source>Server: &lt;b&gt;%1&lt;/b&gt; version &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Server: &lt;b&gt;%1&lt;/b&gt; Version &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> auf %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>läuft ab am %1</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>läuft nie ab</translation>
    </message>
    <message>
        <source>Token %1 accepted; %2</source>
        <translation>Token %1 angenommen; %2</translation>
    </message>
    <message>
        <source>Tenants: %1</source>
        <translation>Mandanten: %1</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <source>Free space: %1 of %2</source>
        <translation>Freier Speicher: %1 von %2</translation>
    </message>
    <message>
        <source>Free space: %1</source>
        <translation>Freier Speicher: %1</translation>
    </message>
    <message>
        <source>Largest recording accepted: %1</source>
        <translation>Größte angenommene Aufzeichnung: %1</translation>
    </message>
    <message>
        <source>The token does not cover tenant(s) %1; their recordings would be refused.</source>
        <translation>Das Token gilt nicht für Mandant(en) %1; deren Aufzeichnungen würden abgelehnt.</translation>
    </message>
    <message>
        <source>The token does not allow %1, which this job replicates.</source>
        <translation>Das Token erlaubt %1 nicht, was dieser Auftrag aber repliziert.</translation>
    </message>
    <message>
        <source>The target takes chunks of at most %1; uploads will use that size.</source>
        <translation>Das Ziel nimmt Blöcke von höchstens %1 an; Uploads verwenden diese Größe.</translation>
    </message>
    <message>
        <source>Check the token: create a new one on the target with &lt;tt&gt;replicall-target token create&lt;/tt&gt; and paste it here.</source>
        <translation>Prüfen Sie das Token: Erstellen Sie auf dem Ziel mit &lt;tt&gt;replicall-target token create&lt;/tt&gt; ein neues und fügen Sie es hier ein.</translation>
    </message>
    <message>
        <source>If the target uses a certificate of its own CA, choose that CA&apos;s certificate as CA file; turn verification off only on a test setup.</source>
        <translation>Verwendet das Ziel ein Zertifikat einer eigenen CA, wählen Sie das Zertifikat dieser CA als CA-Datei; schalten Sie die Prüfung nur in einer Testumgebung ab.</translation>
    </message>
    <message>
        <source>Check the URL and port, and that replicall-target is running and reachable from this computer.</source>
        <translation>Prüfen Sie URL und Port, und ob replicall-target läuft und von diesem Rechner aus erreichbar ist.</translation>
    </message>
    <message>
        <source>Correct the connection settings above.</source>
        <translation>Korrigieren Sie die Verbindungseinstellungen oben.</translation>
    </message>
    <message>
        <source>✘ Connection failed</source>
        <translation>✘ Verbindung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Replicall::DayStatsChart</name>
    <message>
        <source>Replicated</source>
        <translation>Repliziert</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Replicall::DayStatsModel</name>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Replicated</source>
        <translation>Repliziert</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
</context>
<context>
    <name>Replicall::DesktopApp</name>
    <message>
        <source>Cannot open the job database %1: %2</source>
        <translation>Die Auftragsdatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Scheduled runs: by this application</source>
        <translation>Geplante Läufe: durch diese Anwendung</translation>
    </message>
    <message>
        <source>Scheduled runs: by %1</source>
        <translation>Geplante Läufe: durch %1</translation>
    </message>
    <message>
        <source>Scheduled runs: not started</source>
        <translation>Geplante Läufe: nicht gestartet</translation>
    </message>
</context>
<context>
    <name>Replicall::ExportReportDialog</name>
    <message>
        <source>CSV — numbers per day, for spreadsheets</source>
        <translation>CSV – Zahlen pro Tag, für Tabellenkalkulationen</translation>
    </message>
    <message>
        <source>HTML — one page with chart, runs and failures</source>
        <translation>HTML – eine Seite mit Diagramm, Läufen und Fehlern</translation>
    </message>
    <message>
        <source>PDF — for printing and mailing</source>
        <translation>PDF – zum Drucken und Versenden</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>HTML files (*.html *.htm)</source>
        <translation>HTML-Dateien (*.html *.htm)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Cannot export: %1.</source>
        <translation>Export nicht möglich: %1.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>Der Bericht wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Report written to %1; no program was found to open it.</source>
        <translation>Bericht nach %1 geschrieben; es wurde kein Programm gefunden, um ihn zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Replicall::FailureModel</name>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
</context>
<context>
    <name>Replicall::FilterBuilder</name>
    <message>
        <source>Only recordings that match these conditions are replicated. Without conditions, every recording of the access scope is.</source>
        <translation>Nur Aufzeichnungen, die diese Bedingungen erfüllen, werden repliziert. Ohne Bedingungen wird jede Aufzeichnung des Zugriffsbereichs repliziert.</translation>
    </message>
    <message>
        <source>Filter conditions</source>
        <translation>Filterbedingungen</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Add &amp;condition</source>
        <translation>&amp;Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Add a condition to the selected group (Ctrl+N)</source>
        <translation>Der ausgewählten Gruppe eine Bedingung hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <source>Add &amp;group</source>
        <translation>&amp;Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Add a nested AND / OR group to the selected group (Ctrl+G)</source>
        <translation>Der ausgewählten Gruppe eine verschachtelte UND/ODER-Gruppe hinzufügen (Strg+G)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected condition or group (Delete)</source>
        <translation>Die ausgewählte Bedingung oder Gruppe entfernen (Entf)</translation>
    </message>
    <message>
        <source>The saved filter cannot be read (%1); editing the conditions replaces it.</source>
        <translation>Der gespeicherte Filter ist nicht lesbar (%1); wenn Sie die Bedingungen bearbeiten, wird er ersetzt.</translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Filter: %1</translation>
    </message>
    <message>
        <source>Replicates recordings where %1.</source>
        <translation>Repliziert Aufzeichnungen, bei denen %1.</translation>
    </message>
    <message>
        <source>No conditions: every recording of the access scope is replicated.</source>
        <translation>Keine Bedingungen: Jede Aufzeichnung des Zugriffsbereichs wird repliziert.</translation>
    </message>
    <message>
        <source>Choose an archive folder on the General tab to see how many recordings match.</source>
        <translation>Wählen Sie auf der Registerkarte „Allgemein“ einen Archivordner, um zu sehen, wie viele Aufzeichnungen passen.</translation>
    </message>
    <message>
        <source>No count while the filter has a problem.</source>
        <translation>Keine Zählung, solange der Filter ein Problem hat.</translation>
    </message>
    <message>
        <source>Counting matching recordings…</source>
        <translation>Zähle passende Aufzeichnungen…</translation>
    </message>
    <message>
        <source>Counting failed: %1</source>
        <translation>Zählen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>1 recording matches, %1 of audio.</source>
        <translation>1 Aufzeichnung passt, %1 Audio.</translation>
    </message>
    <message>
        <source>%1 recordings match, %2 of audio.</source>
        <translation>%1 Aufzeichnungen passen, %2 Audio.</translation>
    </message>
</context>
<context>
    <name>Replicall::FilterConditionRow</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Diese Bedingung entfernen</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>ist nicht</translation>
    </message>
    <message>
        <source>has any of</source>
        <translation>enthält eines von</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>ist eines von</translation>
    </message>
    <message>
        <source>has none of</source>
        <translation>enthält keines von</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>ist keines von</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>beginnt mit</translation>
    </message>
    <message>
        <source>matches pattern</source>
        <translation>passt auf Muster</translation>
    </message>
    <message>
        <source>is before</source>
        <translation>ist vor</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>ist kleiner als</translation>
    </message>
    <message>
        <source>is after</source>
        <translation>ist nach</translation>
    </message>
    <message>
        <source>is greater than</source>
        <translation>ist größer als</translation>
    </message>
    <message>
        <source>is between</source>
        <translation>liegt zwischen</translation>
    </message>
    <message>
        <source>has none</source>
        <translation>hat keinen Eintrag</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>has some</source>
        <translation>hat mindestens einen Eintrag</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>ist nicht leer</translation>
    </message>
    <message>
        <source>includes</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>does not include</source>
        <translation>enthält nicht</translation>
    </message>
    <message>
        <source>is within the last</source>
        <translation>liegt innerhalb der letzten</translation>
    </message>
    <message>
        <source>is older than</source>
        <translation>ist älter als</translation>
    </message>
</context>
<context>
    <name>Replicall::FilterFields</name>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>caller number</source>
        <translation>Nummer des Anrufers</translation>
    </message>
    <message>
        <source>caller name</source>
        <translation>Name des Anrufers</translation>
    </message>
    <message>
        <source>callee number</source>
        <translation>Nummer des Angerufenen</translation>
    </message>
    <message>
        <source>callee name</source>
        <translation>Name des Angerufenen</translation>
    </message>
    <message>
        <source>any party</source>
        <translation>ein Teilnehmer</translation>
    </message>
    <message>
        <source>audio size</source>
        <translation>Audiogröße</translation>
    </message>
</context>
<context>
    <name>Replicall::FilterGroupRow</name>
    <message>
        <source>How the conditions of this group combine</source>
        <translation>Wie die Bedingungen dieser Gruppe verknüpft werden</translation>
    </message>
    <message>
        <source>all of these match (AND)</source>
        <translation>alle davon treffen zu (UND)</translation>
    </message>
    <message>
        <source>any of these matches (OR)</source>
        <translation>eine davon trifft zu (ODER)</translation>
    </message>
    <message>
        <source>not all of these match (NOT AND)</source>
        <translation>nicht alle davon treffen zu (NICHT UND)</translation>
    </message>
    <message>
        <source>none of these matches (NOT OR)</source>
        <translation>keine davon trifft zu (NICHT ODER)</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Gruppe:</translation>
    </message>
    <message>
        <source>Recordings where</source>
        <translation>Aufzeichnungen, bei denen</translation>
    </message>
    <message>
        <source>Remove this group and its conditions</source>
        <translation>Diese Gruppe samt ihren Bedingungen entfernen</translation>
    </message>
</context>
<context>
    <name>Replicall::FilterValueEditor</name>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>Werte, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Pick from the values the archive holds</source>
        <translation>Aus den Werten im Archiv auswählen</translation>
    </message>
</context>
<context>
    <name>Replicall::JobEditorDialog</name>
    <message>
        <source>Replication job</source>
        <translation>Replikationsauftrag</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>e.g. Branch office to head office</source>
        <translation>z. B. Filiale zur Zentrale</translation>
    </message>
    <message>
        <source>&amp;Enabled: runs on its schedule</source>
        <translation>A&amp;ktiviert: läuft nach seinem Zeitplan</translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation>A&amp;rchivordner:</translation>
    </message>
    <message>
        <source>the recorder&apos;s recording archive folder</source>
        <translation>der Archivordner des Aufzeichnungssystems</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Access &amp;scope:</source>
        <translation>&amp;Zugriffsbereich:</translation>
    </message>
    <message>
        <source>Tenants to replicate</source>
        <translation>Zu replizierende Mandanten</translation>
    </message>
    <message>
        <source>Tick the tenants to replicate. With none ticked, every tenant of the archive is replicated.</source>
        <translation>Haken Sie die zu replizierenden Mandanten an. Ist keiner angehakt, wird jeder Mandant des Archivs repliziert.</translation>
    </message>
    <message>
        <source>&amp;Target URL:</source>
        <translation>&amp;Ziel-URL:</translation>
    </message>
    <message>
        <source>https://archive.example.com:8443</source>
        <translation>https://archive.example.com:8443</translation>
    </message>
    <message>
        <source>&amp;Verify the server&apos;s TLS certificate</source>
        <translation>TLS-Zertifikat des Servers &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>&amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <source>optional: PEM file of the CA to trust for this target</source>
        <translation>optional: PEM-Datei der CA, der für dieses Ziel vertraut wird</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Replication to&amp;ken:</source>
        <translation>Replikations&amp;token:</translation>
    </message>
    <message>
        <source>rpl_…</source>
        <translation>rpl_…</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>T&amp;ransfer</source>
        <translation>Ü&amp;bertragung</translation>
    </message>
    <message>
        <source>&amp;Parallel uploads:</source>
        <translation>&amp;Parallele Uploads:</translation>
    </message>
    <message>
        <source>Upload &amp;chunk size:</source>
        <translation>Upload-&amp;Blockgröße:</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>Replication &amp;mode:</source>
        <translation>Replikations&amp;modus:</translation>
    </message>
    <message>
        <source>Incremental: only recordings not yet replicated by this job</source>
        <translation>Inkrementell: nur Aufzeichnungen, die dieser Auftrag noch nicht repliziert hat</translation>
    </message>
    <message>
        <source>Full: every recording, skipping those the target already holds</source>
        <translation>Vollständig: jede Aufzeichnung; was das Ziel schon hat, wird übersprungen</translation>
    </message>
    <message>
        <source>Replicate:</source>
        <translation>Replizieren:</translation>
    </message>
    <message>
        <source>&amp;Audio files</source>
        <translation>&amp;Audiodateien</translation>
    </message>
    <message>
        <source>Call &amp;metadata</source>
        <translation>Anruf-&amp;Metadaten</translation>
    </message>
    <message>
        <source>&amp;Users configuration (tenants, groups, users)</source>
        <translation>&amp;Benutzerkonfiguration (Mandanten, Gruppen, Benutzer)</translation>
    </message>
    <message>
        <source>&amp;Remove recordings from the archive after replication</source>
        <translation>Aufzeichnungen nach der Replikation aus dem Archiv &amp;entfernen</translation>
    </message>
    <message>
        <source>Warning: every recording is deleted from the archive folder once the target has verified it. Keep this off unless the target is now the only place the calls are kept.</source>
        <translation>Achtung: Jede Aufzeichnung wird aus dem Archivordner gelöscht, sobald das Ziel sie geprüft hat. Lassen Sie dies aus, solange das Ziel nicht der einzige Ort sein soll, an dem die Anrufe aufbewahrt werden.</translation>
    </message>
    <message>
        <source>&amp;Bandwidth limit:</source>
        <translation>Band&amp;breitenbegrenzung:</translation>
    </message>
    <message>
        <source>unlimited; e.g. 10M (bytes/s) or 80Mbit</source>
        <translation>unbegrenzt; z. B. 10M (Bytes/s) oder 80Mbit</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>Zeit&amp;plan</translation>
    </message>
    <message>
        <source>After &amp;success</source>
        <translation>Nach &amp;Erfolg</translation>
    </message>
    <message>
        <source>After a recording was replicated and verified, change its categories in the archive. Tick categories the archive knows or add new ones.</source>
        <translation>Nachdem eine Aufzeichnung repliziert und geprüft wurde, ihre Kategorien im Archiv ändern. Haken Sie Kategorien an, die das Archiv kennt, oder fügen Sie neue hinzu.</translation>
    </message>
    <message>
        <source>Assign categories</source>
        <translation>Kategorien zuweisen</translation>
    </message>
    <message>
        <source>another category</source>
        <translation>weitere Kategorie</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove categories</source>
        <translation>Kategorien entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation>Lese das Archiv…</translation>
    </message>
    <message>
        <source>Edit replication job “%1”</source>
        <translation>Replikationsauftrag „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>New replication job</source>
        <translation>Neuer Replikationsauftrag</translation>
    </message>
    <message>
        <source>CA certificate file &apos;%1&apos; does not exist</source>
        <translation>Die CA-Zertifikatsdatei „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>Enter the replication token that the target created for this job</source>
        <translation>Geben Sie das Replikationstoken ein, das das Ziel für diesen Auftrag erstellt hat</translation>
    </message>
    <message>
        <source>The token contains spaces or other characters a token never has; paste it again</source>
        <translation>Das Token enthält Leerzeichen oder andere Zeichen, die ein Token nie hat; fügen Sie es erneut ein</translation>
    </message>
    <message>
        <source>Bandwidth limit: %1</source>
        <translation>Bandbreitenbegrenzung: %1</translation>
    </message>
    <message>
        <source> (and 1 more problem)</source>
        <translation> (und 1 weiteres Problem)</translation>
    </message>
    <message>
        <source> (and %1 more problems)</source>
        <translation> (und %1 weitere Probleme)</translation>
    </message>
    <message>
        <source>The archive holds %1 recordings of %2 tenants.</source>
        <translation>Das Archiv enthält %1 Aufzeichnungen von %2 Mandanten.</translation>
    </message>
    <message>
        <source>%1 calls could not be read; the indexer keeps them as problems.</source>
        <translation>%1 Anrufe konnten nicht gelesen werden; der Indexer führt sie als Probleme.</translation>
    </message>
    <message>
        <source>Recording archive folder</source>
        <translation>Archivordner der Aufzeichnungen</translation>
    </message>
    <message>
        <source>CA certificate of the target</source>
        <translation>CA-Zertifikat des Ziels</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A token is stored in the keychain. Type a new one only to replace it.</source>
        <translation>Im Schlüsselbund ist ein Token gespeichert. Geben Sie nur dann ein neues ein, wenn Sie es ersetzen wollen.</translation>
    </message>
    <message>
        <source>The new token replaces the stored one when you save.</source>
        <translation>Das neue Token ersetzt beim Speichern das gespeicherte.</translation>
    </message>
    <message>
        <source>Paste the token that “replicall-target token create” printed. It is kept in the system keychain, never in the job database or exports.</source>
        <translation>Fügen Sie das Token ein, das „replicall-target token create“ ausgegeben hat. Es wird im Schlüsselbund des Systems aufbewahrt, nie in der Auftragsdatenbank oder in Exporten.</translation>
    </message>
    <message>
        <source>Enter the target URL first.</source>
        <translation>Geben Sie zuerst die Ziel-URL ein.</translation>
    </message>
    <message>
        <source>Enter the replication token first.</source>
        <translation>Geben Sie zuerst das Replikationstoken ein.</translation>
    </message>
</context>
<context>
    <name>Replicall::JobListModel</name>
    <message>
        <source>Cannot read the jobs: %1</source>
        <translation>Die Aufträge können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Waiting for window</source>
        <translation>Wartet auf Zeitfenster</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>Running: %1 of %2</source>
        <translation>Läuft: %1 von %2</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>continuous</source>
        <translation>kontinuierlich</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>incremental</source>
        <translation>inkrementell</translation>
    </message>
</context>
<context>
    <name>Replicall::JobRunner</name>
    <message>
        <source>preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>cannot read the replication token: %1</source>
        <translation>das Replikationstoken ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>indexing</source>
        <translation>Indizierung</translation>
    </message>
    <message>
        <source>cannot read the recording archive %1: %2</source>
        <translation>das Aufzeichnungsarchiv %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>checking target</source>
        <translation>Prüfung des Ziels</translation>
    </message>
    <message>
        <source>target %1: %2</source>
        <translation>Ziel %1: %2</translation>
    </message>
    <message>
        <source>sending users configuration</source>
        <translation>Senden der Benutzerkonfiguration</translation>
    </message>
    <message>
        <source>users configuration not sent: %1</source>
        <translation>Benutzerkonfiguration nicht gesendet: %1</translation>
    </message>
    <message>
        <source>sending the users configuration: %1</source>
        <translation>beim Senden der Benutzerkonfiguration: %1</translation>
    </message>
    <message>
        <source>asking the target what it holds</source>
        <translation>Abfrage des Bestands beim Ziel</translation>
    </message>
    <message>
        <source>asking the target which recordings it holds: %1</source>
        <translation>bei der Abfrage, welche Aufzeichnungen das Ziel hat: %1</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>recording %1: %2</source>
        <translation>Aufzeichnung %1: %2</translation>
    </message>
    <message>
        <source>the target stopped answering (%1); the remaining recordings wait for the next run</source>
        <translation>das Ziel antwortet nicht mehr (%1); die übrigen Aufzeichnungen warten auf den nächsten Lauf</translation>
    </message>
    <message>
        <source>cannot record it in the ledger: %1</source>
        <translation>kann sie nicht im Journal vermerken: %1</translation>
    </message>
</context>
<context>
    <name>Replicall::JobStatusPage</name>
    <message>
        <source>starting</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>No job selected</source>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <source>Cannot read the status of job &apos;%1&apos;: %2</source>
        <translation>Der Status von Auftrag „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>In all: %1 replicated, %2 skipped, %3 failed, %4 sent</source>
        <translation>Insgesamt: %1 repliziert, %2 übersprungen, %3 fehlgeschlagen, %4 gesendet</translation>
    </message>
    <message>
        <source>Recordings not replicated: %1</source>
        <translation>Nicht replizierte Aufzeichnungen: %1</translation>
    </message>
    <message>
        <source>Paused: unfinished uploads resume from where they stopped</source>
        <translation>Pausiert: Unfertige Uploads werden dort fortgesetzt, wo sie angehalten wurden</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <source>Uploading: %1</source>
        <translation>Lädt hoch: %1</translation>
    </message>
    <message>
        <source>Last run %1: %2</source>
        <translation>Letzter Lauf %1: %2</translation>
    </message>
</context>
<context>
    <name>Replicall::MainWindow</name>
    <message>
        <source>Job &apos;%1&apos; %2: %3 uploaded, %4 skipped, %5 failed</source>
        <translation>Auftrag „%1“ %2: %3 hochgeladen, %4 übersprungen, %5 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Replicall</source>
        <translation>Replicall</translation>
    </message>
    <message>
        <source>Delete job</source>
        <translation>Auftrag löschen</translation>
    </message>
    <message>
        <source>Delete job &apos;%1&apos;?</source>
        <translation>Auftrag „%1“ löschen?</translation>
    </message>
    <message>
        <source>Its run history, statistics and ledger are deleted too; the recordings already at the target stay there.</source>
        <translation>Sein Laufverlauf, seine Statistik und sein Journal werden mitgelöscht; die Aufzeichnungen, die schon auf dem Ziel sind, bleiben dort.</translation>
    </message>
    <message>
        <source>Still busy with the previous change; try again.</source>
        <translation>Noch mit der vorigen Änderung beschäftigt; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht nach %1 geschrieben</translation>
    </message>
    <message>
        <source>About Replicall</source>
        <translation>Über Replicall</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Replicall %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Replicates call recordings — audio, metadata and the users configuration — from a recorder&apos;s archive to a replicall-target server.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Replicall %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Repliziert Anrufaufzeichnungen – Audio, Metadaten und die Benutzerkonfiguration – aus dem Archiv eines Aufzeichnungssystems auf einen replicall-target-Server.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Replicall::RunHistoryModel</name>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Passend</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Replicall::RunWindowGrid</name>
    <message>
        <source>Run window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Hours in which the job may start. Press and drag to open or close hours; arrow keys and Space work too.</source>
        <translation>Stunden, in denen der Auftrag starten darf. Klicken und ziehen Sie, um Stunden zu öffnen oder zu schließen; Pfeiltasten und Leertaste gehen auch.</translation>
    </message>
    <message>
        <source>%1 %2:00-%3:00: %4</source>
        <translation>%1 %2:00–%3:00: %4</translation>
    </message>
    <message>
        <source>may start</source>
        <translation>darf starten</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
</context>
<context>
    <name>Replicall::ScheduleEditor</name>
    <message>
        <source>When the job runs</source>
        <translation>Wann der Auftrag läuft</translation>
    </message>
    <message>
        <source>&amp;Runs:</source>
        <translation>&amp;Läuft:</translation>
    </message>
    <message>
        <source>Only when started by hand</source>
        <translation>Nur wenn von Hand gestartet</translation>
    </message>
    <message>
        <source>Every few minutes or hours</source>
        <translation>Alle paar Minuten oder Stunden</translation>
    </message>
    <message>
        <source>Daily at set times</source>
        <translation>Täglich zu festen Zeiten</translation>
    </message>
    <message>
        <source>Weekly on set days</source>
        <translation>Wöchentlich an festen Tagen</translation>
    </message>
    <message>
        <source>Continuously, as calls end</source>
        <translation>Kontinuierlich, sobald Anrufe enden</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>A&amp;lle:</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>Am:</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>&amp;Um:</translation>
    </message>
    <message>
        <source>times of day, e.g. 02:00, 14:30</source>
        <translation>Uhrzeiten, z. B. 02:00, 14:30</translation>
    </message>
    <message>
        <source>One or more times of day (24-hour HH:MM), separated by commas</source>
        <translation>Eine oder mehrere Uhrzeiten (24 Stunden, HH:MM), durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Run window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>The job starts only in the highlighted hours (local time). Press and drag to open or close hours.</source>
        <translation>Der Auftrag startet nur in den hervorgehobenen Stunden (Ortszeit). Klicken und ziehen Sie, um Stunden zu öffnen oder zu schließen.</translation>
    </message>
    <message>
        <source>Open a&amp;ll hours</source>
        <translation>A&amp;lle Stunden öffnen</translation>
    </message>
    <message>
        <source>Close all &amp;hours</source>
        <translation>Alle &amp;Stunden schließen</translation>
    </message>
    <message>
        <source>Next runs</source>
        <translation>Nächste Läufe</translation>
    </message>
    <message>
        <source>Run window: %1</source>
        <translation>Zeitfenster: %1</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>Zeitplan: %1</translation>
    </message>
    <message>
        <source>May start at any hour</source>
        <translation>Darf zu jeder Stunde starten</translation>
    </message>
    <message>
        <source>Never starts by itself</source>
        <translation>Startet nie von selbst</translation>
    </message>
    <message>
        <source>May start: %1</source>
        <translation>Darf starten: %1</translation>
    </message>
    <message>
        <source>(fix the schedule to see the next runs)</source>
        <translation>(korrigieren Sie den Zeitplan, um die nächsten Läufe zu sehen)</translation>
    </message>
    <message>
        <source>Runs only when started by hand</source>
        <translation>Läuft nur, wenn von Hand gestartet</translation>
    </message>
    <message>
        <source>Never: the run window has no open hour</source>
        <translation>Nie: Das Zeitfenster hat keine offene Stunde</translation>
    </message>
    <message>
        <source>%1 (now: due at once)</source>
        <translation>%1 (jetzt: sofort fällig)</translation>
    </message>
</context>
<context>
    <name>Replicall::SingleInstance</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>kann nicht auf %1 lauschen: %2</translation>
    </message>
</context>
<context>
    <name>Replicall::TrayController</name>
    <message>
        <source>&amp;Open Replicall</source>
        <translation>Replicall &amp;öffnen</translation>
    </message>
    <message>
        <source>&amp;Run all now</source>
        <translation>&amp;Alle jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Pause all</source>
        <translation>Alle &amp;pausieren</translation>
    </message>
    <message>
        <source>Ru&amp;n</source>
        <translation>&amp;Einen Auftrag ausführen</translation>
    </message>
    <message>
        <source>Start in &amp;tray</source>
        <translation>Im &amp;Infobereich starten</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Bei der A&amp;nmeldung starten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Replicall</source>
        <translation>Replicall</translation>
    </message>
    <message>
        <source>%1: %2 of %3 files, %4</source>
        <translation>%1: %2 von %3 Dateien, %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Jobs whose last run failed: %1</source>
        <translation>Aufträge, deren letzter Lauf fehlschlug: %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Quit Replicall</source>
        <translation>Replicall beenden</translation>
    </message>
    <message>
        <source>Replication is running (jobs: %1). Quit anyway?</source>
        <translation>Die Replikation läuft (Aufträge: %1). Trotzdem beenden?</translation>
    </message>
    <message>
        <source>The runs stop now; unfinished uploads resume from where they stopped on the next run.</source>
        <translation>Die Läufe stoppen jetzt; unfertige Uploads werden beim nächsten Lauf dort fortgesetzt, wo sie angehalten wurden.</translation>
    </message>
    <message>
        <source>Replicall keeps running</source>
        <translation>Replicall läuft weiter</translation>
    </message>
    <message>
        <source>Replication goes on in the tray. Use Quit in the tray menu to end it.</source>
        <translation>Die Replikation läuft im Infobereich weiter. Beenden Sie sie mit „Beenden“ im Menü des Infobereichs.</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Cannot change starting at login: %1</source>
        <translation>Der Start bei der Anmeldung kann nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Replicates call recordings to another server.</source>
        <translation>Repliziert Anrufaufzeichnungen auf einen anderen Server.</translation>
    </message>
    <message>
        <source>The job database (default: $REPLICALL_DB, or ~/.local/share/replicall/replicall.sqlite).</source>
        <translation>Die Auftragsdatenbank (Vorgabe: $REPLICALL_DB oder ~/.local/share/replicall/replicall.sqlite).</translation>
    </message>
    <message>
        <source>Start in the tray, without a window.</source>
        <translation>Im Infobereich starten, ohne Fenster.</translation>
    </message>
    <message>
        <source>Save screenshots to DIR and quit (for the docs).</source>
        <translation>Bildschirmfotos in DIR speichern und beenden (für die Dokumentation).</translation>
    </message>
    <message>
        <source>Replicall</source>
        <translation>Replicall</translation>
    </message>
</context>
</TS>
