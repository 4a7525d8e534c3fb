<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Arrivals</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="445"/>
        <source>Complete: %1 files, %2</source>
        <translation>Vollständig: %1 Dateien, %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="450"/>
        <source>, uploaded %1</source>
        <translation>, hochgeladen %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="455"/>
        <source>Incomplete: %1</source>
        <translation>Unvollständig: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="458"/>
        <source>Still uploading: %1</source>
        <translation>Wird noch hochgeladen: %1</translation>
    </message>
</context>
<context>
    <name>ArrivalsDialog</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="164"/>
        <source>Arrivals in %1</source>
        <translation>Eingänge in %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="174"/>
        <source>Subject</source>
        <translation>Proband</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="177"/>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="180"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="183"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Proband:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="184"/>
        <source>S&amp;ite:</source>
        <translation>S&amp;tandort:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="185"/>
        <source>S&amp;tate:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="202"/>
        <source>Exams on the server</source>
        <translation>Untersuchungen auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="204"/>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="205"/>
        <source>Download from &amp;report…</source>
        <translation>Aus &amp;Bericht herunterladen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="206"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="245"/>
        <location filename="../../echouploader/ui/arrivals_view.py" line="325"/>
        <source>Connect to the server first.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="249"/>
        <source>Listing the exams in %1…</source>
        <translation>Untersuchungen in %1 werden aufgelistet…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="269"/>
        <source>All sites</source>
        <translation>Alle Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="278"/>
        <source>%1 exam folder(s): %2 complete, %3 incomplete, %4 uploading.</source>
        <translation>%1 Untersuchungsordner: %2 vollständig, %3 unvollständig, %4 werden hochgeladen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="298"/>
        <source>Select the exams to download first.</source>
        <translation>Wählen Sie zuerst die Untersuchungen zum Herunterladen aus.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="301"/>
        <location filename="../../echouploader/ui/arrivals_view.py" line="313"/>
        <source>Save the package as</source>
        <translation>Paket speichern unter</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="308"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="308"/>
        <source>Reports (*.csv *.xlsx)</source>
        <translation>Berichte (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="339"/>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="351"/>
        <source>%1 of %2 files, %3 of %4, %5/s, ETA %6</source>
        <translation>%1 von %2 Dateien, %3 von %4, %5/s, fertig in %6</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="362"/>
        <source>Listing the exams: %1 of %2 folders…</source>
        <translation>Untersuchungen werden aufgelistet: %1 von %2 Ordnern…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="372"/>
        <source>Verified: %1 files of %2 exam(s) in %3 series, saved as %4.</source>
        <translation>Geprüft: %1 Dateien aus %2 Untersuchung(en) in %3 Serien, gespeichert als %4.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="379"/>
        <source>Not downloaded:</source>
        <translation>Nicht heruntergeladen:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="381"/>
        <source>Download complete</source>
        <translation>Download abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="389"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="391"/>
        <source>Download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="397"/>
        <source>Wait until the current task has finished.</source>
        <translation>Warten Sie, bis die laufende Aufgabe beendet ist.</translation>
    </message>
</context>
<context>
    <name>ArrivalsModel</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="71"/>
        <source>Exam</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="72"/>
        <source>Subject</source>
        <translation>Proband</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="73"/>
        <source>Echo</source>
        <translation>Echo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="74"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="75"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="76"/>
        <source>Uploaded (UTC)</source>
        <translation>Hochgeladen (UTC)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="77"/>
        <source>Site</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="78"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="34"/>
        <source>Reports (*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG)</source>
        <translation>Berichte (*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="55"/>
        <source>Report and comments</source>
        <translation>Bericht und Kommentare</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="65"/>
        <source>Add &amp;report…</source>
        <translation>&amp;Bericht hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="66"/>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="128"/>
        <source>Add report</source>
        <translation>Bericht hinzufügen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="68"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="70"/>
        <source>A PDF, a scan or a photo of the written report.</source>
        <translation>Ein PDF, ein Scan oder ein Foto des schriftlichen Berichts.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="78"/>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="83"/>
        <source>Report pages as they will be sent</source>
        <translation>Berichtsseiten, wie sie gesendet werden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="94"/>
        <source>Comments for the reviewer</source>
        <translation>Kommentare für den Auswerter</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="96"/>
        <source>Comments for the reviewer, e.g. which windows were obtained (no names).</source>
        <translation>Kommentare für den Auswerter, z. B. welche Schnitte aufgenommen wurden (keine Namen).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="151"/>
        <source>Cleaning the reports…</source>
        <translation>Berichte werden bereinigt…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="151"/>
        <source>No report attached.</source>
        <translation>Kein Bericht angehängt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="177"/>
        <source>%1, page %2</source>
        <translation>%1, Seite %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="186"/>
        <source>%1 page(s) will be sent, identifying text blanked (shown below).</source>
        <translation>%1 Seite(n) werden gesendet, identifizierender Text geschwärzt (unten gezeigt).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="219"/>
        <source>The comments hold %1; edit the highlighted text before sending.</source>
        <translation>Die Kommentare enthalten %1; ändern Sie den markierten Text vor dem Senden.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="239"/>
        <source>Wait for the reports to be cleaned.</source>
        <translation>Warten Sie, bis die Berichte bereinigt sind.</translation>
    </message>
</context>
<context>
    <name>CertificateDetails</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="51"/>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="53"/>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerabdruck (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="54"/>
        <source>Fingerprint (SHA-1):</source>
        <translation>Fingerabdruck (SHA-1):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="55"/>
        <source>From %1 to %2</source>
        <translation>Von %1 bis %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="58"/>
        <source>(EXPIRED)</source>
        <translation>(ABGELAUFEN)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="60"/>
        <source>(NOT YET VALID)</source>
        <translation>(NOCH NICHT GÜLTIG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="61"/>
        <source>Validity period:</source>
        <translation>Gültigkeitszeitraum:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="62"/>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="64"/>
        <source>Same as subject, certificate is self-signed</source>
        <translation>Wie Inhaber, Zertifikat ist selbstsigniert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="68"/>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="69"/>
        <source>Serial:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="71"/>
        <source>%1 with %2 bits</source>
        <translation>%1 mit %2 Bit</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="75"/>
        <source>Public key algorithm:</source>
        <translation>Public-Key-Algorithmus:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="78"/>
        <source>(WEAK)</source>
        <translation>(SCHWACH)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="79"/>
        <source>Signature algorithm:</source>
        <translation>Signaturalgorithmus:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="82"/>
        <source>Session details</source>
        <translation>Sitzungsdetails</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="84"/>
        <source>Host:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="86"/>
        <source>matches the certificate</source>
        <translation>passt zum Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="89"/>
        <source>does NOT match the certificate (usual for an IP address and a self-signed certificate)</source>
        <translation>passt NICHT zum Zertifikat (üblich bei einer IP-Adresse und einem selbstsignierten Zertifikat)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="93"/>
        <source>Host name:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="94"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="95"/>
        <source>Cipher:</source>
        <translation>Verschlüsselung:</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="105"/>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="106"/>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="111"/>
        <source>The server&apos;s certificate is unknown. Please carefully examine the certificate to make sure the server can be trusted.</source>
        <translation>Das Zertifikat des Servers ist unbekannt. Bitte prüfen Sie das Zertifikat sorgfältig, um sicherzustellen, dass dem Server vertraut werden kann.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="118"/>
        <source>&lt;b&gt;Compare the SHA-256 fingerprint below with the one the core lab sent you&lt;/b&gt; (by e-mail or letter). If they differ, press Cancel and call the core lab.</source>
        <translation>&lt;b&gt;Vergleichen Sie den SHA-256-Fingerabdruck unten mit dem, den Ihnen das Core-Lab geschickt hat&lt;/b&gt; (per E-Mail oder Brief). Wenn sie sich unterscheiden, klicken Sie auf Abbrechen und rufen Sie das Core-Lab an.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="126"/>
        <source>Trust the server certificate and carry on connecting?</source>
        <translation>Dem Serverzertifikat vertrauen und die Verbindung fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="127"/>
        <source>&amp;Always trust this certificate in future sessions.</source>
        <translation>Diesem Zertifikat in zukünftigen Sitzungen &amp;immer vertrauen.</translation>
    </message>
</context>
<context>
    <name>ChangedCertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="161"/>
        <source>WARNING: the server certificate has changed</source>
        <translation>WARNUNG: Das Serverzertifikat hat sich geändert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="162"/>
        <source>Changed certificate warning</source>
        <translation>Warnung: geändertes Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="167"/>
        <source>&lt;h3 style=&apos;color:#b00020&apos;&gt;The server&apos;s certificate has CHANGED&lt;/h3&gt;&lt;p&gt;The server at %1 presented a different certificate from the one you trusted before. This can mean that someone is intercepting the connection to read the password and the patient data. It can also mean that the core lab replaced its certificate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;No password was sent.&lt;/b&gt; Do not continue on your own: contact the core lab or your IT department and ask whether the server&apos;s certificate was changed, and for its new SHA-256 fingerprint.&lt;/p&gt;</source>
        <translation>&lt;h3 style=&apos;color:#b00020&apos;&gt;Das Zertifikat des Servers hat sich GEÄNDERT&lt;/h3&gt;&lt;p&gt;Der Server %1 hat ein anderes Zertifikat vorgelegt als das, dem Sie zuvor vertraut haben. Das kann bedeuten, dass jemand die Verbindung abfängt, um das Passwort und die Patientendaten zu lesen. Es kann auch bedeuten, dass das Core-Lab sein Zertifikat ersetzt hat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Es wurde kein Passwort gesendet.&lt;/b&gt; Fahren Sie nicht auf eigene Faust fort: Wenden Sie sich an das Core-Lab oder Ihre IT-Abteilung, fragen Sie, ob das Zertifikat des Servers geändert wurde, und lassen Sie sich den neuen SHA-256-Fingerabdruck geben.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="181"/>
        <source>Trusted before (SHA-256):</source>
        <translation>Bisher vertraut (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="186"/>
        <source>New fingerprint</source>
        <translation>Neuer Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="189"/>
        <source>Trust the new certificate</source>
        <translation>Dem neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="192"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="199"/>
        <source>Your IT department pinned the certificate for this site; only they can change it.</source>
        <translation>Ihre IT-Abteilung hat das Zertifikat für diesen Server festgelegt; nur sie kann es ändern.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="209"/>
        <source>Only if the core lab confirmed the change: type or paste the new SHA-256 fingerprint they sent you:</source>
        <translation>Nur wenn das Core-Lab die Änderung bestätigt hat: Geben Sie den neuen SHA-256-Fingerabdruck ein, den es Ihnen geschickt hat, oder fügen Sie ihn ein:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="230"/>
        <source>The fingerprint matches the server&apos;s new certificate.</source>
        <translation>Der Fingerabdruck passt zum neuen Zertifikat des Servers.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="232"/>
        <source>This does not match the certificate the server presented.</source>
        <translation>Dies passt nicht zu dem Zertifikat, das der Server vorgelegt hat.</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="64"/>
        <source>Connecting to %1 (%2)…</source>
        <translation>Verbinde mit %1 (%2)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="97"/>
        <source>TLS connection established: %1, %2.</source>
        <translation>TLS-Verbindung hergestellt: %1, %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="101"/>
        <source>Logged in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="119"/>
        <source>The server&apos;s certificate is not known yet; waiting for your answer.</source>
        <translation>Das Zertifikat des Servers ist noch unbekannt; warte auf Ihre Antwort.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="129"/>
        <source>Certificate not trusted; disconnected.</source>
        <translation>Zertifikat nicht vertraut; Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="155"/>
        <source>The changed certificate was not accepted; disconnected.</source>
        <translation>Das geänderte Zertifikat wurde nicht akzeptiert; Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="158"/>
        <source>The new certificate was confirmed by its fingerprint.</source>
        <translation>Das neue Zertifikat wurde anhand seines Fingerabdrucks bestätigt.</translation>
    </message>
</context>
<context>
    <name>ExamDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="96"/>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="97"/>
        <source>Upload exam</source>
        <translation>Untersuchung hochladen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="101"/>
        <source>Local folder: %1</source>
        <translation>Lokaler Ordner: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="129"/>
        <source>Server folder:</source>
        <translation>Ordner auf dem Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="145"/>
        <source>Privacy check</source>
        <translation>Datenschutzprüfung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="148"/>
        <source>Check progress</source>
        <translation>Fortschritt der Prüfung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="149"/>
        <source>Checking every file…</source>
        <translation>Jede Datei wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="153"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="171"/>
        <source>Measuring the space used on the server…</source>
        <translation>Der belegte Speicherplatz auf dem Server wird gemessen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="174"/>
        <source>De-identification:</source>
        <translation>De-Identifizierung:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="175"/>
        <source>Shared disk:</source>
        <translation>Gemeinsamer Speicher:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="179"/>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="310"/>
        <source>&amp;Start upload</source>
        <translation>Hochladen &amp;starten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="180"/>
        <source>Start upload</source>
        <translation>Hochladen starten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="181"/>
        <source>&amp;Review images…</source>
        <translation>Bilder &amp;prüfen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="182"/>
        <source>Review images</source>
        <translation>Bilder prüfen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="212"/>
        <source>The folder name %1 almost follows the rule: %2</source>
        <translation>Der Ordnername %1 folgt fast der Regel: %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="222"/>
        <source>Choose which echo this exam is.</source>
        <translation>Wählen Sie, welches Echo diese Untersuchung ist.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="240"/>
        <source>%1 files (%2), %3 · %4 patient(s) · %5 study(ies) · %6 series</source>
        <translation>%1 Dateien (%2), %3 · %4 Patient(en) · %5 Studie(n) · %6 Serien</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="308"/>
        <source>&amp;Upload again</source>
        <translation>Erneut &amp;hochladen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="312"/>
        <source>&amp;Start upload: %1 files</source>
        <translation>Hochladen &amp;starten: %1 Dateien</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="314"/>
        <source>, 1 image cleaned</source>
        <translation>, 1 Bild bereinigt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="316"/>
        <source>, %1 images cleaned</source>
        <translation>, %1 Bilder bereinigt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>BLOCKS</source>
        <translation>BLOCKIERT</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="282"/>
        <source>Wait for the check to finish.</source>
        <translation>Warten Sie, bis die Prüfung abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="285"/>
        <source>The exam cannot be sent: %1.</source>
        <translation>Die Untersuchung kann nicht gesendet werden: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="288"/>
        <source>This folder has nothing to send: it holds no DICOM files, so it is not an echo exam export.</source>
        <translation>Dieser Ordner enthält nichts zum Senden: er hat keine DICOM-Dateien und ist daher kein Export einer Echo-Untersuchung.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="295"/>
        <source>There is not enough space on the server for this exam.</source>
        <translation>Auf dem Server ist nicht genug Platz für diese Untersuchung.</translation>
    </message>
</context>
<context>
    <name>ExamFlow</name>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="54"/>
        <source>The privacy gate is OFF for this site: files are sent exactly as they are.</source>
        <translation>Die Datenschutzsperre ist für diesen Server AUS: Die Dateien werden unverändert gesendet.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="58"/>
        <source>Files are checked but sent unchanged (this site&apos;s profile does not de-identify).</source>
        <translation>Die Dateien werden geprüft, aber unverändert gesendet (das Profil dieses Servers de-identifiziert nicht).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="61"/>
        <source>A de-identified copy is sent (%1): patient names, IDs and birth dates are removed or replaced by the study ID, other files are left out. Your folder is not changed.</source>
        <translation>Eine de-identifizierte Kopie wird gesendet (%1): Patientennamen, IDs und Geburtsdaten werden entfernt oder durch die Studien-ID ersetzt, andere Dateien bleiben weg. Ihr Ordner wird nicht verändert.</translation>
    </message>
</context>
<context>
    <name>ExamRun</name>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="168"/>
        <source>%1 is already complete on the server: %2 files, %3, uploaded %4 by site %5. Uploading again sends only files that differ and renews its manifest.</source>
        <translation>%1 ist bereits vollständig auf dem Server: %2 Dateien, %3, hochgeladen %4 von Standort %5. Erneutes Hochladen sendet nur abweichende Dateien und erneuert das Manifest.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="174"/>
        <source>at an unknown time</source>
        <translation>zu unbekannter Zeit</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="175"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="178"/>
        <source>It was sent with: %1.</source>
        <translation>Sie wurde gesendet mit: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="230"/>
        <source>The used space could not be measured: %1</source>
        <translation>Der belegte Speicherplatz konnte nicht gemessen werden: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="240"/>
        <source>%1 used of %2</source>
        <translation>%1 von %2 belegt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="250"/>
        <source>%1; after this exam: %2 (%3%)</source>
        <translation>%1; nach dieser Untersuchung: %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="277"/>
        <source>Exam %1 queued for upload.</source>
        <translation>Untersuchung %1 zum Hochladen eingereiht.</translation>
    </message>
</context>
<context>
    <name>FileExistsDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="21"/>
        <source>File exists on the server</source>
        <translation>Datei existiert auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="26"/>
        <source>A different file named %1 is already in %2 on the server. The file to send is %3.</source>
        <translation>Eine andere Datei namens %1 liegt bereits in %2 auf dem Server. Die zu sendende Datei ist %3 groß.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="34"/>
        <source>Keep both sends this one under a new name. Overwrite replaces the server&apos;s file. Skip leaves the server&apos;s file and sends nothing for this one.</source>
        <translation>Beide behalten sendet diese Datei unter einem neuen Namen. Überschreiben ersetzt die Datei auf dem Server. Überspringen lässt die Datei des Servers und sendet für diese nichts.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="40"/>
        <source>&amp;Keep both</source>
        <translation>&amp;Beide behalten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="42"/>
        <source>&amp;Overwrite</source>
        <translation>&amp;Überschreiben</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="46"/>
        <source>&amp;Skip</source>
        <translation>Übers&amp;pringen</translation>
    </message>
</context>
<context>
    <name>LocalPane</name>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="94"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="96"/>
        <source>DICOM file</source>
        <translation>DICOM-Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="98"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="100"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="102"/>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="104"/>
        <source>%1 file</source>
        <translation>%1-Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="105"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="216"/>
        <source>&amp;Local site:</source>
        <translation>&amp;Lokal:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="217"/>
        <source>Local folder</source>
        <translation>Lokaler Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="218"/>
        <source>Local folders</source>
        <translation>Lokale Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="219"/>
        <source>Local files</source>
        <translation>Lokale Dateien</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Filename</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="368"/>
        <source>&amp;Upload exam…</source>
        <translation>Untersuchung &amp;hochladen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="372"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="375"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="59"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="60"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="61"/>
        <source>Site</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="62"/>
        <source>Exam</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="63"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="64"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>LogViewerDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="67"/>
        <source>Info and worse</source>
        <translation>Info und schwerer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="68"/>
        <source>Warning and worse</source>
        <translation>Warnung und schwerer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="69"/>
        <source>Error and worse</source>
        <translation>Fehler und schwerer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="174"/>
        <source>Transfer log</source>
        <translation>Übertragungsprotokoll</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="207"/>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="210"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="212"/>
        <source>Site</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="214"/>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="215"/>
        <source>Exam</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="217"/>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="218"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="223"/>
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="224"/>
        <source>&amp;Site:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="225"/>
        <source>E&amp;xam:</source>
        <translation>&amp;Untersuchung:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="226"/>
        <source>Sea&amp;rch:</source>
        <translation>Su&amp;che:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="249"/>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="252"/>
        <source>Selected line in full</source>
        <translation>Ausgewählte Zeile vollständig</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="261"/>
        <source>&amp;Copy selected</source>
        <translation>Auswahl &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="262"/>
        <source>&amp;Open log folder</source>
        <translation>Protokollordner ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="263"/>
        <source>Create support &amp;bundle…</source>
        <translation>&amp;Supportpaket erstellen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="288"/>
        <source>All sites</source>
        <translation>Alle Server</translation>
    </message>
    <message numerus="yes">
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="346"/>
        <source>%n line(s) copied.</source>
        <translation>
            <numerusform>%n Zeile kopiert.</numerusform>
            <numerusform>%n Zeilen kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="356"/>
        <source>Save support bundle</source>
        <translation>Supportpaket speichern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="356"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip-Dateien (*.zip)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="369"/>
        <source>Writing the support bundle…</source>
        <translation>Supportpaket wird geschrieben…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="380"/>
        <source>Support bundle saved to %1. It contains no password, key code or DICOM.</source>
        <translation>Supportpaket unter %1 gespeichert. Es enthält kein Passwort, keinen Schlüsselcode und kein DICOM.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="78"/>
        <location filename="../../echouploader/ui/main_window.py" line="292"/>
        <location filename="../../echouploader/ui/main_window.py" line="328"/>
        <location filename="../../echouploader/ui/main_window.py" line="642"/>
        <source>EchoUploader</source>
        <translation>EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="124"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="125"/>
        <source>&amp;Site Manager…</source>
        <translation>&amp;Servermanager…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="128"/>
        <source>&amp;Import sites…</source>
        <translation>Server &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="131"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="134"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="138"/>
        <source>&amp;Transfer</source>
        <translation>Ü&amp;bertragung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="140"/>
        <source>&amp;Cancel all transfers</source>
        <translation>Alle Übertragungen &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="142"/>
        <source>C&amp;lear finished transfers</source>
        <translation>Abgeschlossene Übertragungen &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144"/>
        <source>&amp;Upload exam…</source>
        <translation>Untersuchung &amp;hochladen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="149"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="150"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="153"/>
        <source>&amp;Arrivals (core lab)…</source>
        <translation>&amp;Eingänge (Core-Lab)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="155"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="157"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="163"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="164"/>
        <source>Show transfer &amp;log…</source>
        <translation>Übertragungs&amp;protokoll anzeigen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="166"/>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="170"/>
        <source>&amp;About EchoUploader</source>
        <translation>&amp;Über EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="192"/>
        <source>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</source>
        <translation>990: implizites TLS (FTPS) · 21: explizites TLS (FTPES)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="212"/>
        <source>&amp;Host:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="212"/>
        <source>Host</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="213"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="213"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="214"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="214"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="215"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="215"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="220"/>
        <source>&amp;Quickconnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="221"/>
        <source>Quickconnect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="227"/>
        <source>Message log</source>
        <translation>Meldungsprotokoll</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="241"/>
        <source>Remote folder</source>
        <translation>Entfernter Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="242"/>
        <source>&amp;Remote site:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="249"/>
        <source>Remote files</source>
        <translation>Dateien auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="283"/>
        <source>Keyring: –</source>
        <translation>Schlüsselbund: –</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="300"/>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="300"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="347"/>
        <source>Enter the server&apos;s host name or IP address.</source>
        <translation>Geben Sie den Hostnamen oder die IP-Adresse des Servers ein.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="349"/>
        <source>Enter the user name the core lab gave you.</source>
        <translation>Geben Sie den Benutzernamen ein, den Sie vom Core-Lab erhalten haben.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="382"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="411"/>
        <source>Not connected. Open File → Site Manager (Ctrl+S) and connect to your core lab; then drag an exam folder from the left onto this side.</source>
        <translation>Nicht verbunden. Öffnen Sie Datei → Servermanager (Strg+S) und verbinden Sie sich mit Ihrem Core-Lab; ziehen Sie dann einen Untersuchungsordner von links auf diese Seite.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="416"/>
        <source>Not connected. Enter the server, user name and password the core lab gave you above and press Quickconnect (or import their FileZilla sites: File → Import sites…). Then drag an exam folder from the left onto this side.</source>
        <translation>Nicht verbunden. Geben Sie oben den Server, den Benutzernamen und das Passwort vom Core-Lab ein und drücken Sie Verbinden (oder importieren Sie dessen FileZilla-Server: Datei → Server importieren…). Ziehen Sie dann einen Untersuchungsordner von links auf diese Seite.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="428"/>
        <source>Disconnected.</source>
        <translation>Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="436"/>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="441"/>
        <source>%1 (%2), certificate %3</source>
        <translation>%1 (%2), Zertifikat %3</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="545"/>
        <source>the server</source>
        <translation>dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="659"/>
        <source>Language changed.</source>
        <translation>Sprache geändert.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="448"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="281"/>
        <source>Quota: – of %1</source>
        <translation>Kontingent: – von %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="461"/>
        <source>Connect to the core lab&apos;s server first, then drop the exam folder.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server des Core-Labs und ziehen Sie dann den Untersuchungsordner hierher.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="467"/>
        <source>Drop an exam folder (one folder per echo exam), not single files.</source>
        <translation>Ziehen Sie einen Untersuchungsordner hierher (ein Ordner pro Echo-Untersuchung), keine einzelnen Dateien.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="471"/>
        <source>Exam folder dropped onto %1.</source>
        <translation>Untersuchungsordner auf %1 abgelegt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="479"/>
        <source>Choose an exam folder in the local pane first.</source>
        <translation>Wählen Sie zuerst einen Untersuchungsordner im lokalen Bereich.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="567"/>
        <source>Transfers are still running</source>
        <translation>Übertragungen laufen noch</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="569"/>
        <source>%1 file(s) are still queued or being uploaded. Quit anyway? The queue is kept and offered for resuming the next time EchoUploader starts.</source>
        <translation>%1 Datei(en) warten noch oder werden hochgeladen. Trotzdem beenden? Die Warteschlange bleibt erhalten und wird beim nächsten Start von EchoUploader zum Fortsetzen angeboten.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="613"/>
        <location filename="../../echouploader/ui/main_window.py" line="642"/>
        <source>EchoUploader — demo</source>
        <translation>EchoUploader — Demo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="616"/>
        <source>Demo mode: a practice FTPS server runs on this computer (127.0.0.1:%1). Its password &apos;%2&apos; is a well-known demo password; it protects nothing real.</source>
        <translation>Demo-Modus: Ein Übungs-FTPS-Server läuft auf diesem Computer (127.0.0.1:%1). Sein Passwort &apos;%2&apos; ist ein allgemein bekanntes Demo-Passwort; es schützt nichts Echtes.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="625"/>
        <source>A demo exam with a fake patient name is in %1: connect, then drag it to the right.</source>
        <translation>Eine Demo-Untersuchung mit einem erfundenen Patientennamen liegt in %1: verbinden Sie sich und ziehen Sie sie nach rechts.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="664"/>
        <source>About EchoUploader</source>
        <translation>Über EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="666"/>
        <source>EchoUploader %1
Sends echocardiography exams to a core lab over FTPS: checked, de-identified and verified.</source>
        <translation>EchoUploader %1
Sendet Echokardiographie-Untersuchungen per FTPS an ein Core-Lab: geprüft, de-identifiziert und verifiziert.</translation>
    </message>
</context>
<context>
    <name>NewExamFolderDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="347"/>
        <source>New exam folder</source>
        <translation>Neuer Untersuchungsordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="351"/>
        <source>Folder name:</source>
        <translation>Ordnername:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="352"/>
        <source>In:</source>
        <translation>In:</translation>
    </message>
</context>
<context>
    <name>PixelReviewDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="174"/>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="175"/>
        <source>Review the images</source>
        <translation>Die Bilder prüfen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="180"/>
        <source>One frame of each machine and size, before and after cleaning. The outlined areas are blanked. If patient details show outside them, drag a rectangle over them on the left, then save it for this machine.</source>
        <translation>Ein Bild je Gerät und Größe, vor und nach der Bereinigung. Die umrandeten Bereiche werden geschwärzt. Sind Patientendaten außerhalb davon zu sehen, ziehen Sie links ein Rechteck darüber und speichern Sie es für dieses Gerät.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="189"/>
        <source>Layout groups</source>
        <translation>Layoutgruppen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="194"/>
        <source>Before cleaning</source>
        <translation>Vor der Bereinigung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="195"/>
        <source>After cleaning</source>
        <translation>Nach der Bereinigung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="196"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="196"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="208"/>
        <source>&amp;Undo last rectangle</source>
        <translation>Letztes Rechteck &amp;rückgängig</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="209"/>
        <source>&amp;Save for this machine</source>
        <translation>Für dieses Gerät &amp;speichern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="210"/>
        <source>Save for this machine</source>
        <translation>Für dieses Gerät speichern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="227"/>
        <source>saved</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="229"/>
        <source>reviewed before</source>
        <translation>bereits geprüft</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="231"/>
        <source>not reviewed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="234"/>
        <source>%1 — %2 file(s) — %3</source>
        <translation>%1 — %2 Datei(en) — %3</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="247"/>
        <source>This exam has no images to review.</source>
        <translation>Diese Untersuchung hat keine Bilder zum Prüfen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="261"/>
        <source>no fixed mask: OCR only</source>
        <translation>keine feste Maske: nur OCR</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="264"/>
        <source>Blanked by: %1. %2</source>
        <translation>Geschwärzt durch: %1. %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="294"/>
        <source>Saved: the next exam from %1 is cleaned the same way.</source>
        <translation>Gespeichert: die nächste Untersuchung von %1 wird genauso bereinigt.</translation>
    </message>
</context>
<context>
    <name>PixelReviewFlow</name>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="97"/>
        <source>Connect through a saved site to keep this choice: quick connections have no privacy profile.</source>
        <translation>Verbinden Sie über einen gespeicherten Standort, um diese Wahl zu behalten: Schnellverbindungen haben kein Datenschutzprofil.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="102"/>
        <source>Site &apos;%1&apos; is managed by your IT department: ask IT to add this machine&apos;s rectangles to pixel-table.json.</source>
        <translation>Der Standort &apos;%1&apos; wird von Ihrer IT-Abteilung verwaltet: bitten Sie die IT, die Rechtecke dieses Geräts in pixel-table.json aufzunehmen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="111"/>
        <source>The rectangles cannot be saved: %1.</source>
        <translation>Die Rechtecke können nicht gespeichert werden: %1.</translation>
    </message>
</context>
<context>
    <name>QueueFlow</name>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="66"/>
        <source>&amp;Start the queue</source>
        <translation>Warteschlange &amp;starten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="67"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="68"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="69"/>
        <source>&amp;Cancel selected</source>
        <translation>Markierte &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="70"/>
        <source>Re&amp;try failed</source>
        <translation>Fehlgeschlagene &amp;wiederholen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="71"/>
        <source>Re&amp;move from the list</source>
        <translation>Aus der Liste &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="144"/>
        <source>Paused: the queue is kept; Start or Resume continues it.</source>
        <translation>Pausiert: die Warteschlange bleibt erhalten; Starten oder Fortsetzen setzt sie fort.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="151"/>
        <source>Connect to the server first, then resume.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server, dann fortsetzen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="166"/>
        <source>Removed from the queue: %1.</source>
        <translation>Aus der Warteschlange entfernt: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="172"/>
        <source>Connect to the server first, then retry.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server, dann erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="190"/>
        <source>%1 is being uploaded: Pause or Cancel it first.</source>
        <translation>%1 wird gerade hochgeladen: zuerst pausieren oder abbrechen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="207"/>
        <source>%1 exists on the server: %2.</source>
        <translation>%1 existiert auf dem Server: %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="225"/>
        <source>Quota: %1 used of %2</source>
        <translation>Kontingent: %1 von %2 belegt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="239"/>
        <source>upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="242"/>
        <source>Exam uploaded</source>
        <translation>Untersuchung hochgeladen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="243"/>
        <source>%1: all %2 files are on the server and verified.</source>
        <translation>%1: alle %2 Dateien sind auf dem Server und geprüft.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="248"/>
        <source>%1: stopped; it stays in the queue.</source>
        <translation>%1: angehalten; bleibt in der Warteschlange.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="254"/>
        <location filename="../../echouploader/ui/queue_flow.py" line="265"/>
        <source>Upload failed</source>
        <translation>Hochladen fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="255"/>
        <source>%1 was not completely uploaded: %2</source>
        <translation>%1 wurde nicht vollständig hochgeladen: %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="278"/>
        <source>%1 upload(s) from an earlier session are not finished; connect to their server to resume them.</source>
        <translation>%1 Upload(s) aus einer früheren Sitzung sind nicht abgeschlossen; verbinden Sie sich mit dem Server, um sie fortzusetzen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="311"/>
        <source>Resume uploads</source>
        <translation>Uploads fortsetzen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="313"/>
        <source>%1 unfinished upload(s) to this server are in the queue. Resume them now?</source>
        <translation>%1 nicht abgeschlossene(r) Upload(s) zu diesem Server stehen in der Warteschlange. Jetzt fortsetzen?</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="85"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="112"/>
        <source>Transfer queue</source>
        <translation>Übertragungswarteschlange</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="102"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="103"/>
        <source>Exam</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="104"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="105"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="106"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="107"/>
        <source>Time left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="108"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="129"/>
        <source>Queued files (%1)</source>
        <translation>Dateien in Warteschlange (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="130"/>
        <source>Failed transfers (%1)</source>
        <translation>Fehlgeschlagene Übertragungen (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="131"/>
        <source>Successful transfers (%1)</source>
        <translation>Erfolgreiche Übertragungen (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="139"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="235"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="333"/>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="334"/>
        <source>Transferring</source>
        <translation>Wird übertragen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="335"/>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="336"/>
        <source>Skipped (already on the server)</source>
        <translation>Übersprungen (schon auf dem Server)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="337"/>
        <source>Failed, will retry</source>
        <translation>Fehlgeschlagen, neuer Versuch folgt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="338"/>
        <source>Waiting for space on the server</source>
        <translation>Wartet auf Platz auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="339"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="366"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="374"/>
        <source>Waiting to resume</source>
        <translation>Wartet auf Fortsetzung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="395"/>
        <source>%1 on the server</source>
        <translation>%1 auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="401"/>
        <source>Waiting to resume: %1 of %2 on the server</source>
        <translation>Wartet auf Fortsetzung: %1 von %2 auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="419"/>
        <source>Checking %1 of %2</source>
        <translation>Prüfe %1 von %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="423"/>
        <source>De-identifying %1 of %2</source>
        <translation>De-identifiziere %1 von %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="442"/>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="450"/>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="453"/>
        <source>Uploading %1 of %2 files</source>
        <translation>Lade %1 von %2 Dateien hoch</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="503"/>
        <source>Paused; kept in the queue</source>
        <translation>Pausiert; bleibt in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="508"/>
        <source>Failed; see Failed transfers</source>
        <translation>Fehlgeschlagen; siehe Fehlgeschlagene Übertragungen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="493"/>
        <source>Stopped; kept in the queue</source>
        <translation>Angehalten; bleibt in der Warteschlange</translation>
    </message>
</context>
<context>
    <name>RemoteBrowser</name>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="53"/>
        <location filename="../../echouploader/ui/remote_browser.py" line="159"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="55"/>
        <location filename="../../echouploader/ui/remote_browser.py" line="208"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="83"/>
        <source>Retrieving directory listing of &quot;%1&quot;…</source>
        <translation>Verzeichnisinhalt von &quot;%1&quot; wird abgerufen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="91"/>
        <source>Directory listing of &quot;%1&quot; successful</source>
        <translation>Verzeichnisinhalt von &quot;%1&quot; erfolgreich abgerufen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="117"/>
        <source>New &amp;exam folder…</source>
        <translation>Neuer &amp;Untersuchungsordner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="119"/>
        <source>New &amp;folder…</source>
        <translation>Neuer &amp;Ordner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="122"/>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="125"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="129"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="160"/>
        <source>New name for %1:</source>
        <translation>Neuer Name für %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="177"/>
        <source>Renamed %1 to %2.</source>
        <translation>%1 in %2 umbenannt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="195"/>
        <source>%1 is not an unfinished upload of this computer; only those can be deleted here.</source>
        <translation>%1 ist kein unvollständiger Upload dieses Computers; nur solche können hier gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="202"/>
        <source>Delete the folder %1 and everything in it from the server?</source>
        <translation>Den Ordner %1 mit seinem gesamten Inhalt vom Server löschen?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="204"/>
        <source>Delete the file %1 from the server?</source>
        <translation>Die Datei %1 vom Server löschen?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="209"/>
        <source>This cannot be undone.</source>
        <translation>Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="215"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="229"/>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="243"/>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="244"/>
        <source>Name of the new folder in %1:</source>
        <translation>Name des neuen Ordners in %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="257"/>
        <source>A folder name cannot contain &apos;/&apos; or be &apos;.&apos; or &apos;..&apos;.</source>
        <translation>Ein Ordnername darf kein &apos;/&apos; enthalten und nicht &apos;.&apos; oder &apos;..&apos; sein.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="268"/>
        <source>Created folder %1.</source>
        <translation>Ordner %1 angelegt.</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="63"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>SiteFlow</name>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="86"/>
        <source>Password for %1 saved.</source>
        <translation>Passwort für %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="139"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="141"/>
        <source>Password for %1 (%2):</source>
        <translation>Passwort für %1 (%2):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="167"/>
        <source>Keyring: %1</source>
        <translation>Schlüsselbund: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="174"/>
        <source>Keyring: unavailable</source>
        <translation>Schlüsselbund: nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="187"/>
        <source>Practice server on this computer (EchoUploader --demo).</source>
        <translation>Übungsserver auf diesem Computer (EchoUploader --demo).</translation>
    </message>
</context>
<context>
    <name>SiteManagerDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="46"/>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="47"/>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="305"/>
        <source>Site Manager</source>
        <translation>Servermanager</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="52"/>
        <source>Sites</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="86"/>
        <source>FTPS, implicit TLS (port 990)</source>
        <translation>FTPS, implizites TLS (Port 990)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="87"/>
        <source>FTPES, explicit TLS (port 21)</source>
        <translation>FTPES, explizites TLS (Port 21)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="92"/>
        <source>kept in the keyring; type to change</source>
        <translation>im Schlüsselbund gespeichert; zum Ändern eingeben</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="98"/>
        <source> MB/s</source>
        <translation> MB/s</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="99"/>
        <source>no limit</source>
        <translation>keine Begrenzung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="105"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="106"/>
        <source>&amp;Host:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="107"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="108"/>
        <source>P&amp;rotocol:</source>
        <translation>P&amp;rotokoll:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="109"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="110"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="111"/>
        <source>Server &amp;folder:</source>
        <translation>Server&amp;ordner:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="112"/>
        <source>Speed &amp;limit:</source>
        <translation>Geschwindigkeits&amp;grenze:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="113"/>
        <source>&amp;Comments:</source>
        <translation>&amp;Kommentare:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="128"/>
        <source>&amp;New site</source>
        <translation>&amp;Neuer Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="129"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="130"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="131"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="132"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="133"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="176"/>
        <source> (managed by IT)</source>
        <translation> (von der IT verwaltet)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="219"/>
        <source>This site is managed by your IT department and cannot be changed here.</source>
        <translation>Dieser Server wird von Ihrer IT-Abteilung verwaltet und kann hier nicht geändert werden.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="253"/>
        <source>New site</source>
        <translation>Neuer Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="287"/>
        <source>Import sites from a FileZilla file</source>
        <translation>Server aus einer FileZilla-Datei importieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="288"/>
        <source>FileZilla site files (*.xml)</source>
        <translation>FileZilla-Serverdateien (*.xml)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="288"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../echouploader/ui/workers.py" line="44"/>
        <source>An unexpected error stopped this task (%1); the details were saved to the log.</source>
        <translation>Ein unerwarteter Fehler hat diese Aufgabe gestoppt (%1); die Details wurden im Protokoll gespeichert.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="439"/>
        <source>Connect to the server first.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="48"/>
        <source>Subject number</source>
        <translation>Probandennummer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="49"/>
        <source>study subject number, e.g. 1042</source>
        <translation>Probandennummer der Studie, z. B. 1042</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="51"/>
        <source>Echo</source>
        <translation>Echo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="55"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Proband:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="57"/>
        <source>&amp;Echo:</source>
        <translation>&amp;Echo:</translation>
    </message>
</context>
</TS>
