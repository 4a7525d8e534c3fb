<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CertificateDetails</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="51" />
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="53" />
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerabdruck (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="54" />
        <source>Fingerprint (SHA-1):</source>
        <translation>Fingerabdruck (SHA-1):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="55" />
        <source>From %1 to %2</source>
        <translation>Von %1 bis %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="58" />
        <source>(EXPIRED)</source>
        <translation>(ABGELAUFEN)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="60" />
        <source>(NOT YET VALID)</source>
        <translation>(NOCH NICHT GÜLTIG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="61" />
        <source>Validity period:</source>
        <translation>Gültigkeitszeitraum:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="62" />
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="64" />
        <source>Same as subject, certificate is self-signed</source>
        <translation>Wie Inhaber, Zertifikat ist selbstsigniert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="68" />
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="69" />
        <source>Serial:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="71" />
        <source>%1 with %2 bits</source>
        <translation>%1 mit %2 Bit</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="75" />
        <source>Public key algorithm:</source>
        <translation>Public-Key-Algorithmus:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="78" />
        <source>(WEAK)</source>
        <translation>(SCHWACH)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="79" />
        <source>Signature algorithm:</source>
        <translation>Signaturalgorithmus:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="82" />
        <source>Session details</source>
        <translation>Sitzungsdetails</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="84" />
        <source>Host:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="86" />
        <source>matches the certificate</source>
        <translation>passt zum Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="89" />
        <source>does NOT match the certificate (usual for an IP address and a self-signed certificate)</source>
        <translation>passt NICHT zum Zertifikat (üblich bei einer IP-Adresse und einem selbstsignierten Zertifikat)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="93" />
        <source>Host name:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="94" />
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="95" />
        <source>Cipher:</source>
        <translation>Verschlüsselung:</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="105" />
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="106" />
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="111" />
        <source>The server's certificate is unknown. Please carefully examine the certificate to make sure the server can be trusted.</source>
        <translation>Das Zertifikat des Servers ist unbekannt. Bitte prüfen Sie das Zertifikat sorgfältig, um sicherzustellen, dass dem Server vertraut werden kann.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="118" />
        <source>&lt;b&gt;Compare the SHA-256 fingerprint below with the one the core lab sent you&lt;/b&gt; (by e-mail or letter). If they differ, press Cancel and call the core lab.</source>
        <translation>&lt;b&gt;Vergleichen Sie den SHA-256-Fingerabdruck unten mit dem, den Ihnen das Core-Lab geschickt hat&lt;/b&gt; (per E-Mail oder Brief). Wenn sie sich unterscheiden, klicken Sie auf Abbrechen und rufen Sie das Core-Lab an.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="126" />
        <source>Trust the server certificate and carry on connecting?</source>
        <translation>Dem Serverzertifikat vertrauen und die Verbindung fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="127" />
        <source>&amp;Always trust this certificate in future sessions.</source>
        <translation>Diesem Zertifikat in zukünftigen Sitzungen &amp;immer vertrauen.</translation>
    </message>
</context>
<context>
    <name>ChangedCertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="161" />
        <source>WARNING: the server certificate has changed</source>
        <translation>WARNUNG: Das Serverzertifikat hat sich geändert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="162" />
        <source>Changed certificate warning</source>
        <translation>Warnung: geändertes Zertifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="167" />
        <source>&lt;h3 style='color:#b00020'&gt;The server's certificate has CHANGED&lt;/h3&gt;&lt;p&gt;The server at %1 presented a different certificate from the one you trusted before. This can mean that someone is intercepting the connection to read the password and the patient data. It can also mean that the core lab replaced its certificate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;No password was sent.&lt;/b&gt; Do not continue on your own: contact the core lab or your IT department and ask whether the server's certificate was changed, and for its new SHA-256 fingerprint.&lt;/p&gt;</source>
        <translation>&lt;h3 style='color:#b00020'&gt;Das Zertifikat des Servers hat sich GEÄNDERT&lt;/h3&gt;&lt;p&gt;Der Server %1 hat ein anderes Zertifikat vorgelegt als das, dem Sie zuvor vertraut haben. Das kann bedeuten, dass jemand die Verbindung abfängt, um das Passwort und die Patientendaten zu lesen. Es kann auch bedeuten, dass das Core-Lab sein Zertifikat ersetzt hat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Es wurde kein Passwort gesendet.&lt;/b&gt; Fahren Sie nicht auf eigene Faust fort: Wenden Sie sich an das Core-Lab oder Ihre IT-Abteilung, fragen Sie, ob das Zertifikat des Servers geändert wurde, und lassen Sie sich den neuen SHA-256-Fingerabdruck geben.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="181" />
        <source>Trusted before (SHA-256):</source>
        <translation>Bisher vertraut (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="186" />
        <source>New fingerprint</source>
        <translation>Neuer Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="189" />
        <source>Trust the new certificate</source>
        <translation>Dem neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="192" />
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="199" />
        <source>Your IT department pinned the certificate for this site; only they can change it.</source>
        <translation>Ihre IT-Abteilung hat das Zertifikat für diesen Server festgelegt; nur sie kann es ändern.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="209" />
        <source>Only if the core lab confirmed the change: type or paste the new SHA-256 fingerprint they sent you:</source>
        <translation>Nur wenn das Core-Lab die Änderung bestätigt hat: Geben Sie den neuen SHA-256-Fingerabdruck ein, den es Ihnen geschickt hat, oder fügen Sie ihn ein:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="230" />
        <source>The fingerprint matches the server's new certificate.</source>
        <translation>Der Fingerabdruck passt zum neuen Zertifikat des Servers.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="232" />
        <source>This does not match the certificate the server presented.</source>
        <translation>Dies passt nicht zu dem Zertifikat, das der Server vorgelegt hat.</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="63" />
        <source>Connecting to %1 (%2)…</source>
        <translation>Verbinde mit %1 (%2)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="95" />
        <source>TLS connection established: %1, %2.</source>
        <translation>TLS-Verbindung hergestellt: %1, %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="99" />
        <source>Logged in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="117" />
        <source>The server's certificate is not known yet; waiting for your answer.</source>
        <translation>Das Zertifikat des Servers ist noch unbekannt; warte auf Ihre Antwort.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="125" />
        <source>Certificate not trusted; disconnected.</source>
        <translation>Zertifikat nicht vertraut; Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="149" />
        <source>The changed certificate was not accepted; disconnected.</source>
        <translation>Das geänderte Zertifikat wurde nicht akzeptiert; Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="152" />
        <source>The new certificate was confirmed by its fingerprint.</source>
        <translation>Das neue Zertifikat wurde anhand seines Fingerabdrucks bestätigt.</translation>
    </message>
</context>
<context>
    <name>LocalPane</name>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="33" />
        <source>&amp;Local site:</source>
        <translation>&amp;Lokal:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="35" />
        <source>Local folder</source>
        <translation>Lokaler Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="40" />
        <source>Local files</source>
        <translation>Lokale Dateien</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="65" />
        <location filename="../../echouploader/ui/main_window.py" line="230" />
        <location filename="../../echouploader/ui/main_window.py" line="250" />
        <source>EchoUploader</source>
        <translation>EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="94" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="95" />
        <source>&amp;Site Manager…</source>
        <translation>&amp;Servermanager…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="97" />
        <source>&amp;Import sites…</source>
        <translation>Server &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="99" />
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="102" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="106" />
        <source>&amp;Transfer</source>
        <translation>Ü&amp;bertragung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="107" />
        <source>&amp;Cancel all transfers</source>
        <translation>Alle Übertragungen &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="108" />
        <source>C&amp;lear finished transfers</source>
        <translation>Abgeschlossene Übertragungen &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="111" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="112" />
        <location filename="../../echouploader/ui/main_window.py" line="394" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="115" />
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="117" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="123" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="124" />
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="128" />
        <source>&amp;About EchoUploader</source>
        <translation>&amp;Über EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="142" />
        <source>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</source>
        <translation>990: implizites TLS (FTPS) · 21: explizites TLS (FTPES)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144" />
        <source>&amp;Host:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144" />
        <source>Host</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="145" />
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="145" />
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="146" />
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="146" />
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="147" />
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="147" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="155" />
        <source>&amp;Quickconnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="156" />
        <source>Quickconnect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="166" />
        <source>Message log</source>
        <translation>Meldungsprotokoll</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="176" />
        <source>Remote folder</source>
        <translation>Entfernter Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="177" />
        <source>&amp;Remote site:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="184" />
        <source>Remote files</source>
        <translation>Dateien auf dem Server</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="219" />
        <source>Quota: – of %1 GB</source>
        <translation>Kontingent: – von %1 GB</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="221" />
        <source>Keyring: –</source>
        <translation>Schlüsselbund: –</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="238" />
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="238" />
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="269" />
        <source>Enter the server's host name or IP address.</source>
        <translation>Geben Sie den Hostnamen oder die IP-Adresse des Servers ein.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="271" />
        <source>Enter the user name the core lab gave you.</source>
        <translation>Geben Sie den Benutzernamen ein, den Sie vom Core-Lab erhalten haben.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="297" />
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="318" />
        <source>Disconnected.</source>
        <translation>Verbindung getrennt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="326" />
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="329" />
        <source>accepted for this session</source>
        <translation>für diese Sitzung akzeptiert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="331" />
        <source>TLS (%1), certificate %2</source>
        <translation>TLS (%1), Zertifikat %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="336" />
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="358" />
        <source>Retrieving directory listing of "%1"…</source>
        <translation>Verzeichnisinhalt von "%1" wird abgerufen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="365" />
        <source>Directory listing of "%1" successful</source>
        <translation>Verzeichnisinhalt von "%1" erfolgreich abgerufen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="389" />
        <source>New &amp;exam folder…</source>
        <translation>Neuer &amp;Untersuchungsordner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="391" />
        <source>New &amp;folder…</source>
        <translation>Neuer &amp;Ordner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="402" />
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="403" />
        <source>Name of the new folder in %1:</source>
        <translation>Name des neuen Ordners in %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="415" />
        <source>A folder name cannot contain '/' or be '.' or '..'.</source>
        <translation>Ein Ordnername darf kein '/' enthalten und nicht '.' oder '..' sein.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="422" />
        <source>Created folder %1.</source>
        <translation>Ordner %1 angelegt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="431" />
        <source>Creating exam folders needs the exam naming rules, which this version does not have yet.</source>
        <translation>Zum Anlegen von Untersuchungsordnern werden die Namensregeln benötigt, die diese Version noch nicht hat.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="441" />
        <source>Connect to the core lab's server first, then drop the exam folder.</source>
        <translation>Verbinden Sie sich zuerst mit dem Server des Core-Labs und ziehen Sie dann den Untersuchungsordner hierher.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="447" />
        <source>Drop an exam folder (one folder per echo exam), not single files.</source>
        <translation>Ziehen Sie einen Untersuchungsordner hierher (ein Ordner pro Echo-Untersuchung), keine einzelnen Dateien.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="451" />
        <source>Exam folder dropped onto %1.</source>
        <translation>Untersuchungsordner auf %1 abgelegt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="457" />
        <source>Checking and uploading exams is not available in this version yet.</source>
        <translation>Prüfen und Hochladen von Untersuchungen ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="477" />
        <source>Transfers are still running</source>
        <translation>Übertragungen laufen noch</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="479" />
        <source>%1 file(s) are still queued or being uploaded. Quit anyway? The queue is kept and offered for resuming the next time EchoUploader starts.</source>
        <translation>%1 Datei(en) warten noch oder werden hochgeladen. Trotzdem beenden? Die Warteschlange bleibt erhalten und wird beim nächsten Start von EchoUploader zum Fortsetzen angeboten.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="518" />
        <source>EchoUploader — demo</source>
        <translation>EchoUploader — Demo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="521" />
        <source>Demo mode: a practice FTPS server runs on this computer (127.0.0.1:%1). Its password '%2' is a well-known demo password; it protects nothing real.</source>
        <translation>Demo-Modus: Ein Übungs-FTPS-Server läuft auf diesem Computer (127.0.0.1:%1). Sein Passwort '%2' ist ein allgemein bekanntes Demo-Passwort; es schützt nichts Echtes.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="530" />
        <source>A demo exam with a fake patient name is in %1: connect, then drag it to the right.</source>
        <translation>Eine Demo-Untersuchung mit einem erfundenen Patientennamen liegt in %1: verbinden Sie sich und ziehen Sie sie nach rechts.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="538" />
        <source>The language changes the next time EchoUploader starts.</source>
        <translation>Die Sprache wird beim nächsten Start von EchoUploader gewechselt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="543" />
        <source>About EchoUploader</source>
        <translation>Über EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="545" />
        <source>EchoUploader %1
Sends echocardiography exams to a core lab over FTPS: checked, de-identified and verified.</source>
        <translation>EchoUploader %1
Sendet Echokardiographie-Untersuchungen per FTPS an ein Core-Lab: geprüft, de-identifiziert und verifiziert.</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="66" />
        <source>Transfer queue</source>
        <translation>Übertragungswarteschlange</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="82" />
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="83" />
        <source>Exam</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="84" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="85" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="86" />
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="87" />
        <source>Time left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="88" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="98" />
        <source>Queued files (%1)</source>
        <translation>Dateien in Warteschlange (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="101" />
        <source>Failed transfers (%1)</source>
        <translation>Fehlgeschlagene Übertragungen (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="105" />
        <source>Successful transfers (%1)</source>
        <translation>Erfolgreiche Übertragungen (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="116" />
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="62" />
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
</TS>
