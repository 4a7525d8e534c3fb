<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Arrivals</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="445"/>
        <source>Complete: %1 files, %2</source>
        <translation>Komplett: %1 filer, %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="450"/>
        <source>, uploaded %1</source>
        <translation>, uppladdad %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="455"/>
        <source>Incomplete: %1</source>
        <translation>Ofullständig: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="458"/>
        <source>Still uploading: %1</source>
        <translation>Laddas fortfarande upp: %1</translation>
    </message>
</context>
<context>
    <name>ArrivalsDialog</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="164"/>
        <source>Arrivals in %1</source>
        <translation>Ankomster i %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="174"/>
        <source>Subject</source>
        <translation>Försöksperson</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="177"/>
        <source>All states</source>
        <translation>Alla lägen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="180"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="183"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Försöksperson:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="184"/>
        <source>S&amp;ite:</source>
        <translation>S&amp;ite:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="185"/>
        <source>S&amp;tate:</source>
        <translation>&amp;Läge:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="202"/>
        <source>Exams on the server</source>
        <translation>Undersökningar på servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="204"/>
        <source>&amp;Download…</source>
        <translation>&amp;Ladda ner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="205"/>
        <source>Download from &amp;report…</source>
        <translation>Ladda ner från &amp;rapport…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="206"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="245"/>
        <location filename="../../echouploader/ui/arrivals_view.py" line="325"/>
        <source>Connect to the server first.</source>
        <translation>Anslut till servern först.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="249"/>
        <source>Listing the exams in %1…</source>
        <translation>Listar undersökningarna i %1…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="269"/>
        <source>All sites</source>
        <translation>Alla platser</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="278"/>
        <source>%1 exam folder(s): %2 complete, %3 incomplete, %4 uploading.</source>
        <translation>%1 undersökningsmapp(ar): %2 kompletta, %3 ofullständiga, %4 laddas upp.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="298"/>
        <source>Select the exams to download first.</source>
        <translation>Välj först undersökningarna som ska laddas ner.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="301"/>
        <location filename="../../echouploader/ui/arrivals_view.py" line="313"/>
        <source>Save the package as</source>
        <translation>Spara paketet som</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="308"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="308"/>
        <source>Reports (*.csv *.xlsx)</source>
        <translation>Rapporter (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="339"/>
        <source>Downloading…</source>
        <translation>Laddar ner…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="351"/>
        <source>%1 of %2 files, %3 of %4, %5/s, ETA %6</source>
        <translation>%1 av %2 filer, %3 av %4, %5/s, klart om %6</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="362"/>
        <source>Listing the exams: %1 of %2 folders…</source>
        <translation>Listar undersökningarna: %1 av %2 mappar…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="372"/>
        <source>Verified: %1 files of %2 exam(s) in %3 series, saved as %4.</source>
        <translation>Verifierat: %1 filer från %2 undersökning(ar) i %3 serier, sparat som %4.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="379"/>
        <source>Not downloaded:</source>
        <translation>Inte nedladdat:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="381"/>
        <source>Download complete</source>
        <translation>Nedladdningen är klar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="389"/>
        <source>Failed: %1</source>
        <translation>Misslyckades: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="391"/>
        <source>Download failed</source>
        <translation>Nedladdningen misslyckades</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="397"/>
        <source>Wait until the current task has finished.</source>
        <translation>Vänta tills den pågående uppgiften är klar.</translation>
    </message>
</context>
<context>
    <name>ArrivalsModel</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="71"/>
        <source>Exam</source>
        <translation>Undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="72"/>
        <source>Subject</source>
        <translation>Försöksperson</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="73"/>
        <source>Echo</source>
        <translation>Eko</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="74"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="75"/>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="76"/>
        <source>Uploaded (UTC)</source>
        <translation>Uppladdad (UTC)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="77"/>
        <source>Site</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="78"/>
        <source>State</source>
        <translation>Läge</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="34"/>
        <source>Reports (*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG)</source>
        <translation>Rapporter (*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="55"/>
        <source>Report and comments</source>
        <translation>Rapport och kommentarer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="65"/>
        <source>Add &amp;report…</source>
        <translation>Lägg till &amp;rapport…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="66"/>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="128"/>
        <source>Add report</source>
        <translation>Lägg till rapport</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="68"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="70"/>
        <source>A PDF, a scan or a photo of the written report.</source>
        <translation>En PDF, en skanning eller ett foto av den skrivna rapporten.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="78"/>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="83"/>
        <source>Report pages as they will be sent</source>
        <translation>Rapportsidor så som de skickas</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="94"/>
        <source>Comments for the reviewer</source>
        <translation>Kommentarer till granskaren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="96"/>
        <source>Comments for the reviewer, e.g. which windows were obtained (no names).</source>
        <translation>Kommentarer till granskaren, t.ex. vilka fönster som togs (inga namn).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="151"/>
        <source>Cleaning the reports…</source>
        <translation>Rensar rapporterna…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="151"/>
        <source>No report attached.</source>
        <translation>Ingen rapport bifogad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="177"/>
        <source>%1, page %2</source>
        <translation>%1, sida %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="186"/>
        <source>%1 page(s) will be sent, identifying text blanked (shown below).</source>
        <translation>%1 sida/sidor skickas, med identifierande text maskerad (visas nedan).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="219"/>
        <source>The comments hold %1; edit the highlighted text before sending.</source>
        <translation>Kommentarerna innehåller %1; ändra den markerade texten innan du skickar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/attachments.py" line="239"/>
        <source>Wait for the reports to be cleaned.</source>
        <translation>Vänta tills rapporterna är rensade.</translation>
    </message>
</context>
<context>
    <name>CertificateDetails</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="51"/>
        <source>Certificate</source>
        <translation>Certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="53"/>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingeravtryck (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="54"/>
        <source>Fingerprint (SHA-1):</source>
        <translation>Fingeravtryck (SHA-1):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="55"/>
        <source>From %1 to %2</source>
        <translation>Från %1 till %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="58"/>
        <source>(EXPIRED)</source>
        <translation>(UTGÅNGET)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="60"/>
        <source>(NOT YET VALID)</source>
        <translation>(ÄNNU INTE GILTIGT)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="61"/>
        <source>Validity period:</source>
        <translation>Giltighetstid:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="62"/>
        <source>Subject:</source>
        <translation>Ämne:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="64"/>
        <source>Same as subject, certificate is self-signed</source>
        <translation>Samma som ämnet, certifikatet är självsignerat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="68"/>
        <source>Issuer:</source>
        <translation>Utfärdare:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="69"/>
        <source>Serial:</source>
        <translation>Serienummer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="71"/>
        <source>%1 with %2 bits</source>
        <translation>%1 med %2 bitar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="75"/>
        <source>Public key algorithm:</source>
        <translation>Algoritm för publik nyckel:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="78"/>
        <source>(WEAK)</source>
        <translation>(SVAG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="79"/>
        <source>Signature algorithm:</source>
        <translation>Signaturalgoritm:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="82"/>
        <source>Session details</source>
        <translation>Sessionsdetaljer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="84"/>
        <source>Host:</source>
        <translation>Värd:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="86"/>
        <source>matches the certificate</source>
        <translation>stämmer med certifikatet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="89"/>
        <source>does NOT match the certificate (usual for an IP address and a self-signed certificate)</source>
        <translation>stämmer INTE med certifikatet (vanligt för en IP-adress och ett självsignerat certifikat)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="93"/>
        <source>Host name:</source>
        <translation>Värdnamn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="94"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="95"/>
        <source>Cipher:</source>
        <translation>Chiffer:</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="105"/>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="106"/>
        <source>Unknown certificate</source>
        <translation>Okänt certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="111"/>
        <source>The server&apos;s certificate is unknown. Please carefully examine the certificate to make sure the server can be trusted.</source>
        <translation>Serverns certifikat är okänt. Granska certifikatet noga för att försäkra dig om att servern går att lita på.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="118"/>
        <source>&lt;b&gt;Compare the SHA-256 fingerprint below with the one the core lab sent you&lt;/b&gt; (by e-mail or letter). If they differ, press Cancel and call the core lab.</source>
        <translation>&lt;b&gt;Jämför SHA-256-fingeravtrycket nedan med det som core lab skickade dig&lt;/b&gt; (via e-post eller brev). Om de skiljer sig åt, tryck Avbryt och ring core lab.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="126"/>
        <source>Trust the server certificate and carry on connecting?</source>
        <translation>Lita på serverns certifikat och fortsätta ansluta?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="127"/>
        <source>&amp;Always trust this certificate in future sessions.</source>
        <translation>&amp;Lita alltid på detta certifikat i framtida sessioner.</translation>
    </message>
</context>
<context>
    <name>ChangedCertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="161"/>
        <source>WARNING: the server certificate has changed</source>
        <translation>VARNING: serverns certifikat har ändrats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="162"/>
        <source>Changed certificate warning</source>
        <translation>Varning för ändrat certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="167"/>
        <source>&lt;h3 style=&apos;color:#b00020&apos;&gt;The server&apos;s certificate has CHANGED&lt;/h3&gt;&lt;p&gt;The server at %1 presented a different certificate from the one you trusted before. This can mean that someone is intercepting the connection to read the password and the patient data. It can also mean that the core lab replaced its certificate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;No password was sent.&lt;/b&gt; Do not continue on your own: contact the core lab or your IT department and ask whether the server&apos;s certificate was changed, and for its new SHA-256 fingerprint.&lt;/p&gt;</source>
        <translation>&lt;h3 style=&apos;color:#b00020&apos;&gt;Serverns certifikat har ÄNDRATS&lt;/h3&gt;&lt;p&gt;Servern på %1 visade ett annat certifikat än det du tidigare litade på. Det kan betyda att någon avlyssnar anslutningen för att läsa lösenordet och patientdata. Det kan också betyda att core lab har bytt certifikat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Inget lösenord skickades.&lt;/b&gt; Fortsätt inte på egen hand: kontakta core lab eller din IT-avdelning och fråga om serverns certifikat har bytts, och be om dess nya SHA-256-fingeravtryck.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="181"/>
        <source>Trusted before (SHA-256):</source>
        <translation>Betrott tidigare (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="186"/>
        <source>New fingerprint</source>
        <translation>Nytt fingeravtryck</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="189"/>
        <source>Trust the new certificate</source>
        <translation>Lita på det nya certifikatet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="192"/>
        <source>Disconnect</source>
        <translation>Koppla från</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="199"/>
        <source>Your IT department pinned the certificate for this site; only they can change it.</source>
        <translation>Din IT-avdelning har låst certifikatet för denna plats; bara de kan ändra det.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="209"/>
        <source>Only if the core lab confirmed the change: type or paste the new SHA-256 fingerprint they sent you:</source>
        <translation>Endast om core lab har bekräftat ändringen: skriv eller klistra in det nya SHA-256-fingeravtrycket som de skickade dig:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="230"/>
        <source>The fingerprint matches the server&apos;s new certificate.</source>
        <translation>Fingeravtrycket stämmer med serverns nya certifikat.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="232"/>
        <source>This does not match the certificate the server presented.</source>
        <translation>Detta stämmer inte med certifikatet som servern visade.</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="64"/>
        <source>Connecting to %1 (%2)…</source>
        <translation>Ansluter till %1 (%2)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="97"/>
        <source>TLS connection established: %1, %2.</source>
        <translation>TLS-anslutning upprättad: %1, %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="101"/>
        <source>Logged in as %1.</source>
        <translation>Inloggad som %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="119"/>
        <source>The server&apos;s certificate is not known yet; waiting for your answer.</source>
        <translation>Serverns certifikat är ännu okänt; väntar på ditt svar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="129"/>
        <source>Certificate not trusted; disconnected.</source>
        <translation>Certifikatet godkändes inte; frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="155"/>
        <source>The changed certificate was not accepted; disconnected.</source>
        <translation>Det ändrade certifikatet godkändes inte; frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="158"/>
        <source>The new certificate was confirmed by its fingerprint.</source>
        <translation>Det nya certifikatet bekräftades med sitt fingeravtryck.</translation>
    </message>
</context>
<context>
    <name>ExamDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="96"/>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="97"/>
        <source>Upload exam</source>
        <translation>Ladda upp undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="101"/>
        <source>Local folder: %1</source>
        <translation>Lokal mapp: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="129"/>
        <source>Server folder:</source>
        <translation>Servermapp:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="145"/>
        <source>Privacy check</source>
        <translation>Integritetskontroll</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="148"/>
        <source>Check progress</source>
        <translation>Kontrollens förlopp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="149"/>
        <source>Checking every file…</source>
        <translation>Kontrollerar varje fil…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="153"/>
        <source>Findings</source>
        <translation>Fynd</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Finding</source>
        <translation>Fynd</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="154"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="171"/>
        <source>Measuring the space used on the server…</source>
        <translation>Mäter det utrymme som används på servern…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="174"/>
        <source>De-identification:</source>
        <translation>Avidentifiering:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="175"/>
        <source>Shared disk:</source>
        <translation>Delad disk:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="179"/>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="310"/>
        <source>&amp;Start upload</source>
        <translation>&amp;Starta uppladdning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="180"/>
        <source>Start upload</source>
        <translation>Starta uppladdning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="181"/>
        <source>&amp;Review images…</source>
        <translation>&amp;Granska bilder…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="182"/>
        <source>Review images</source>
        <translation>Granska bilder</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="212"/>
        <source>The folder name %1 almost follows the rule: %2</source>
        <translation>Mappnamnet %1 följer nästan regeln: %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="222"/>
        <source>Choose which echo this exam is.</source>
        <translation>Välj vilket eko denna undersökning är.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="240"/>
        <source>%1 files (%2), %3 · %4 patient(s) · %5 study(ies) · %6 series</source>
        <translation>%1 filer (%2), %3 · %4 patient(er) · %5 studie(r) · %6 serier</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="308"/>
        <source>&amp;Upload again</source>
        <translation>&amp;Ladda upp igen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="312"/>
        <source>&amp;Start upload: %1 files</source>
        <translation>&amp;Starta uppladdning: %1 filer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="314"/>
        <source>, 1 image cleaned</source>
        <translation>, 1 bild rensad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="316"/>
        <source>, %1 images cleaned</source>
        <translation>, %1 bilder rensade</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>BLOCKS</source>
        <translation>STOPPAR</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>warning</source>
        <translation>varning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="249"/>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="282"/>
        <source>Wait for the check to finish.</source>
        <translation>Vänta tills kontrollen är klar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="285"/>
        <source>The exam cannot be sent: %1.</source>
        <translation>Undersökningen kan inte skickas: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="288"/>
        <source>This folder has nothing to send: it holds no DICOM files, so it is not an echo exam export.</source>
        <translation>Den här mappen har inget att skicka: den innehåller inga DICOM-filer och är alltså ingen export av en ekoundersökning.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="295"/>
        <source>There is not enough space on the server for this exam.</source>
        <translation>Det finns inte tillräckligt med utrymme på servern för denna undersökning.</translation>
    </message>
</context>
<context>
    <name>ExamFlow</name>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="54"/>
        <source>The privacy gate is OFF for this site: files are sent exactly as they are.</source>
        <translation>Integritetsspärren är AVSTÄNGD för denna plats: filerna skickas precis som de är.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="58"/>
        <source>Files are checked but sent unchanged (this site&apos;s profile does not de-identify).</source>
        <translation>Filerna kontrolleras men skickas oförändrade (denna plats profil avidentifierar inte).</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="61"/>
        <source>A de-identified copy is sent (%1): patient names, IDs and birth dates are removed or replaced by the study ID, other files are left out. Your folder is not changed.</source>
        <translation>En avidentifierad kopia skickas (%1): patientnamn, ID-nummer och födelsedatum tas bort eller ersätts med studie-ID, andra filer lämnas utanför. Din mapp ändras inte.</translation>
    </message>
</context>
<context>
    <name>ExamRun</name>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="168"/>
        <source>%1 is already complete on the server: %2 files, %3, uploaded %4 by site %5. Uploading again sends only files that differ and renews its manifest.</source>
        <translation>%1 finns redan komplett på servern: %2 filer, %3, uppladdad %4 av site %5. En ny uppladdning skickar bara filer som skiljer sig och förnyar dess manifest.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="174"/>
        <source>at an unknown time</source>
        <translation>vid okänd tidpunkt</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="175"/>
        <source>unknown</source>
        <translation>okänd</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="178"/>
        <source>It was sent with: %1.</source>
        <translation>Den skickades med: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="230"/>
        <source>The used space could not be measured: %1</source>
        <translation>Det använda utrymmet kunde inte mätas: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="240"/>
        <source>%1 used of %2</source>
        <translation>%1 använt av %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="250"/>
        <source>%1; after this exam: %2 (%3%)</source>
        <translation>%1; efter denna undersökning: %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/exam_flow.py" line="277"/>
        <source>Exam %1 queued for upload.</source>
        <translation>Undersökning %1 köad för uppladdning.</translation>
    </message>
</context>
<context>
    <name>FileExistsDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="21"/>
        <source>File exists on the server</source>
        <translation>Filen finns på servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="26"/>
        <source>A different file named %1 is already in %2 on the server. The file to send is %3.</source>
        <translation>En annan fil med namnet %1 finns redan i %2 på servern. Filen som ska skickas är %3.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="34"/>
        <source>Keep both sends this one under a new name. Overwrite replaces the server&apos;s file. Skip leaves the server&apos;s file and sends nothing for this one.</source>
        <translation>Behåll båda skickar denna under ett nytt namn. Skriv över ersätter serverns fil. Hoppa över behåller serverns fil och skickar inget för denna.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="40"/>
        <source>&amp;Keep both</source>
        <translation>&amp;Behåll båda</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="42"/>
        <source>&amp;Overwrite</source>
        <translation>Skriv &amp;över</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/file_exists.py" line="46"/>
        <source>&amp;Skip</source>
        <translation>&amp;Hoppa över</translation>
    </message>
</context>
<context>
    <name>LocalPane</name>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="94"/>
        <source>Folder</source>
        <translation>Mapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="96"/>
        <source>DICOM file</source>
        <translation>DICOM-fil</translation>
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
        <translation>PDF-dokument</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="104"/>
        <source>%1 file</source>
        <translation>%1-fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="105"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="216"/>
        <source>&amp;Local site:</source>
        <translation>&amp;Lokal plats:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="217"/>
        <source>Local folder</source>
        <translation>Lokal mapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="218"/>
        <source>Local folders</source>
        <translation>Lokala mappar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="219"/>
        <source>Local files</source>
        <translation>Lokala filer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Filename</source>
        <translation>Filnamn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="221"/>
        <source>Last modified</source>
        <translation>Senast ändrad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="368"/>
        <source>&amp;Upload exam…</source>
        <translation>&amp;Ladda upp undersökning…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="372"/>
        <source>&amp;Open</source>
        <translation>&amp;Öppna</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="375"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="59"/>
        <source>Time (UTC)</source>
        <translation>Tid (UTC)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="60"/>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="61"/>
        <source>Site</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="62"/>
        <source>Exam</source>
        <translation>Undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="63"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="64"/>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
</context>
<context>
    <name>LogViewerDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="67"/>
        <source>Info and worse</source>
        <translation>Info och allvarligare</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="68"/>
        <source>Warning and worse</source>
        <translation>Varning och allvarligare</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="69"/>
        <source>Error and worse</source>
        <translation>Fel och allvarligare</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="174"/>
        <source>Transfer log</source>
        <translation>Överföringslogg</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="207"/>
        <source>All levels</source>
        <translation>Alla nivåer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="210"/>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="212"/>
        <source>Site</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="214"/>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="215"/>
        <source>Exam</source>
        <translation>Undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="217"/>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="218"/>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="223"/>
        <source>&amp;Level:</source>
        <translation>&amp;Nivå:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="224"/>
        <source>&amp;Site:</source>
        <translation>&amp;Plats:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="225"/>
        <source>E&amp;xam:</source>
        <translation>&amp;Undersökning:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="226"/>
        <source>Sea&amp;rch:</source>
        <translation>S&amp;ök:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="249"/>
        <source>Log lines</source>
        <translation>Loggrader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="252"/>
        <source>Selected line in full</source>
        <translation>Vald rad i sin helhet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="261"/>
        <source>&amp;Copy selected</source>
        <translation>&amp;Kopiera markerade</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="262"/>
        <source>&amp;Open log folder</source>
        <translation>&amp;Öppna loggmappen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="263"/>
        <source>Create support &amp;bundle…</source>
        <translation>Skapa &amp;supportpaket…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="288"/>
        <source>All sites</source>
        <translation>Alla platser</translation>
    </message>
    <message numerus="yes">
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="346"/>
        <source>%n line(s) copied.</source>
        <translation>
            <numerusform>%n rad kopierad.</numerusform>
            <numerusform>%n rader kopierade.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="356"/>
        <source>Save support bundle</source>
        <translation>Spara supportpaket</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="356"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip-filer (*.zip)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="369"/>
        <source>Writing the support bundle…</source>
        <translation>Skriver supportpaketet…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/log_viewer.py" line="380"/>
        <source>Support bundle saved to %1. It contains no password, key code or DICOM.</source>
        <translation>Supportpaketet sparades i %1. Det innehåller inga lösenord, ingen kodnyckel och ingen DICOM.</translation>
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
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="125"/>
        <source>&amp;Site Manager…</source>
        <translation>&amp;Platshanteraren…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="128"/>
        <source>&amp;Import sites…</source>
        <translation>&amp;Importera platser…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="131"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Koppla från</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="134"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="138"/>
        <source>&amp;Transfer</source>
        <translation>Ö&amp;verföring</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="140"/>
        <source>&amp;Cancel all transfers</source>
        <translation>&amp;Avbryt alla överföringar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="142"/>
        <source>C&amp;lear finished transfers</source>
        <translation>&amp;Rensa avslutade överföringar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144"/>
        <source>&amp;Upload exam…</source>
        <translation>&amp;Ladda upp undersökning…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="149"/>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="150"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="153"/>
        <source>&amp;Arrivals (core lab)…</source>
        <translation>&amp;Ankomster (core lab)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="155"/>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="157"/>
        <source>System language</source>
        <translation>Systemets språk</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="163"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="164"/>
        <source>Show transfer &amp;log…</source>
        <translation>Visa överförings&amp;loggen…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="166"/>
        <source>Open &amp;log folder</source>
        <translation>Öppna &amp;loggmappen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="170"/>
        <source>&amp;About EchoUploader</source>
        <translation>&amp;Om EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="192"/>
        <source>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</source>
        <translation>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="212"/>
        <source>&amp;Host:</source>
        <translation>&amp;Värd:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="212"/>
        <source>Host</source>
        <translation>Värd</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="213"/>
        <source>&amp;Username:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="213"/>
        <source>Username</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="214"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="214"/>
        <source>Password</source>
        <translation>Lösenord</translation>
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
        <translation>S&amp;nabbanslut</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="221"/>
        <source>Quickconnect</source>
        <translation>Snabbanslut</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="227"/>
        <source>Message log</source>
        <translation>Meddelandelogg</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="241"/>
        <source>Remote folder</source>
        <translation>Fjärrmapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="242"/>
        <source>&amp;Remote site:</source>
        <translation>&amp;Fjärrplats:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="249"/>
        <source>Remote files</source>
        <translation>Fjärrfiler</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="283"/>
        <source>Keyring: –</source>
        <translation>Nyckelring: –</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="300"/>
        <source>Error:</source>
        <translation>Fel:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="300"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="347"/>
        <source>Enter the server&apos;s host name or IP address.</source>
        <translation>Ange serverns värdnamn eller IP-adress.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="349"/>
        <source>Enter the user name the core lab gave you.</source>
        <translation>Ange användarnamnet du fick av core lab.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="382"/>
        <source>Connecting to %1…</source>
        <translation>Ansluter till %1…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="411"/>
        <source>Not connected. Open File → Site Manager (Ctrl+S) and connect to your core lab; then drag an exam folder from the left onto this side.</source>
        <translation>Inte ansluten. Öppna Arkiv → Platshanteraren (Ctrl+S) och anslut till ditt core lab; dra sedan en undersökningsmapp från vänster till den här sidan.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="416"/>
        <source>Not connected. Enter the server, user name and password the core lab gave you above and press Quickconnect (or import their FileZilla sites: File → Import sites…). Then drag an exam folder from the left onto this side.</source>
        <translation>Inte ansluten. Skriv in servern, användarnamnet och lösenordet som du fått av core lab ovan och tryck på Snabbanslut (eller importera deras FileZilla-platser: Arkiv → Importera platser…). Dra sedan en undersökningsmapp från vänster till den här sidan.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="428"/>
        <source>Disconnected.</source>
        <translation>Frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="436"/>
        <source>Connected to %1</source>
        <translation>Ansluten till %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="441"/>
        <source>%1 (%2), certificate %3</source>
        <translation>%1 (%2), certifikat %3</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="545"/>
        <source>the server</source>
        <translation>servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="659"/>
        <source>Language changed.</source>
        <translation>Språket har ändrats.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="448"/>
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="281"/>
        <source>Quota: – of %1</source>
        <translation>Kvot: – av %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="461"/>
        <source>Connect to the core lab&apos;s server first, then drop the exam folder.</source>
        <translation>Anslut först till core labs server och släpp sedan undersökningsmappen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="467"/>
        <source>Drop an exam folder (one folder per echo exam), not single files.</source>
        <translation>Släpp en undersökningsmapp (en mapp per ekoundersökning), inte enskilda filer.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="471"/>
        <source>Exam folder dropped onto %1.</source>
        <translation>Undersökningsmapp släppt på %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="479"/>
        <source>Choose an exam folder in the local pane first.</source>
        <translation>Välj först en undersökningsmapp i den lokala panelen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="567"/>
        <source>Transfers are still running</source>
        <translation>Överföringar pågår fortfarande</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="569"/>
        <source>%1 file(s) are still queued or being uploaded. Quit anyway? The queue is kept and offered for resuming the next time EchoUploader starts.</source>
        <translation>%1 fil(er) väntar fortfarande eller laddas upp. Avsluta ändå? Kön sparas och erbjuds för återupptagning nästa gång EchoUploader startar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="613"/>
        <location filename="../../echouploader/ui/main_window.py" line="642"/>
        <source>EchoUploader — demo</source>
        <translation>EchoUploader — demo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="616"/>
        <source>Demo mode: a practice FTPS server runs on this computer (127.0.0.1:%1). Its password &apos;%2&apos; is a well-known demo password; it protects nothing real.</source>
        <translation>Demoläge: en övningsserver för FTPS körs på denna dator (127.0.0.1:%1). Dess lösenord &apos;%2&apos; är ett allmänt känt demolösenord; det skyddar inget verkligt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="625"/>
        <source>A demo exam with a fake patient name is in %1: connect, then drag it to the right.</source>
        <translation>En demoundersökning med ett påhittat patientnamn finns i %1: anslut och dra den sedan till höger.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="664"/>
        <source>About EchoUploader</source>
        <translation>Om EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="666"/>
        <source>EchoUploader %1
Sends echocardiography exams to a core lab over FTPS: checked, de-identified and verified.</source>
        <translation>EchoUploader %1
Skickar ekokardiografiundersökningar till ett core lab via FTPS: kontrollerade, avidentifierade och verifierade.</translation>
    </message>
</context>
<context>
    <name>NewExamFolderDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="347"/>
        <source>New exam folder</source>
        <translation>Ny undersökningsmapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="351"/>
        <source>Folder name:</source>
        <translation>Mappnamn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="352"/>
        <source>In:</source>
        <translation>I:</translation>
    </message>
</context>
<context>
    <name>PixelReviewDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="174"/>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="175"/>
        <source>Review the images</source>
        <translation>Granska bilderna</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="180"/>
        <source>One frame of each machine and size, before and after cleaning. The outlined areas are blanked. If patient details show outside them, drag a rectangle over them on the left, then save it for this machine.</source>
        <translation>En bildruta per maskin och storlek, före och efter rensning. De markerade områdena maskeras. Om patientuppgifter syns utanför dem, dra en rektangel över dem till vänster och spara den för denna maskin.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="189"/>
        <source>Layout groups</source>
        <translation>Layoutgrupper</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="194"/>
        <source>Before cleaning</source>
        <translation>Före rensning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="195"/>
        <source>After cleaning</source>
        <translation>Efter rensning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="196"/>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="196"/>
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="208"/>
        <source>&amp;Undo last rectangle</source>
        <translation>&amp;Ångra senaste rektangeln</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="209"/>
        <source>&amp;Save for this machine</source>
        <translation>&amp;Spara för denna maskin</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="210"/>
        <source>Save for this machine</source>
        <translation>Spara för denna maskin</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="227"/>
        <source>saved</source>
        <translation>sparad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="229"/>
        <source>reviewed before</source>
        <translation>granskad tidigare</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="231"/>
        <source>not reviewed</source>
        <translation>inte granskad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="234"/>
        <source>%1 — %2 file(s) — %3</source>
        <translation>%1 — %2 fil(er) — %3</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="247"/>
        <source>This exam has no images to review.</source>
        <translation>Denna undersökning har inga bilder att granska.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="261"/>
        <source>no fixed mask: OCR only</source>
        <translation>ingen fast mask: endast OCR</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="264"/>
        <source>Blanked by: %1. %2</source>
        <translation>Maskerat av: %1. %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/pixel_review.py" line="294"/>
        <source>Saved: the next exam from %1 is cleaned the same way.</source>
        <translation>Sparat: nästa undersökning från %1 rensas på samma sätt.</translation>
    </message>
</context>
<context>
    <name>PixelReviewFlow</name>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="97"/>
        <source>Connect through a saved site to keep this choice: quick connections have no privacy profile.</source>
        <translation>Anslut via en sparad site för att behålla valet: snabbanslutningar har ingen integritetsprofil.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="102"/>
        <source>Site &apos;%1&apos; is managed by your IT department: ask IT to add this machine&apos;s rectangles to pixel-table.json.</source>
        <translation>Siten &apos;%1&apos; hanteras av IT-avdelningen: be IT lägga till denna maskins rektanglar i pixel-table.json.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/pixel_review_flow.py" line="111"/>
        <source>The rectangles cannot be saved: %1.</source>
        <translation>Rektanglarna kan inte sparas: %1.</translation>
    </message>
</context>
<context>
    <name>QueueFlow</name>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="66"/>
        <source>&amp;Start the queue</source>
        <translation>&amp;Starta kön</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="67"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="68"/>
        <source>&amp;Resume</source>
        <translation>&amp;Återuppta</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="69"/>
        <source>&amp;Cancel selected</source>
        <translation>&amp;Avbryt markerade</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="70"/>
        <source>Re&amp;try failed</source>
        <translation>Försök &amp;igen med misslyckade</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="71"/>
        <source>Re&amp;move from the list</source>
        <translation>Ta &amp;bort från listan</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="144"/>
        <source>Paused: the queue is kept; Start or Resume continues it.</source>
        <translation>Pausad: kön sparas; Starta eller Återuppta fortsätter den.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="151"/>
        <source>Connect to the server first, then resume.</source>
        <translation>Anslut till servern först och återuppta sedan.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="166"/>
        <source>Removed from the queue: %1.</source>
        <translation>Borttagen ur kön: %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="172"/>
        <source>Connect to the server first, then retry.</source>
        <translation>Anslut till servern först och försök sedan igen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="190"/>
        <source>%1 is being uploaded: Pause or Cancel it first.</source>
        <translation>%1 laddas upp: pausa eller avbryt först.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="207"/>
        <source>%1 exists on the server: %2.</source>
        <translation>%1 finns på servern: %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="225"/>
        <source>Quota: %1 used of %2</source>
        <translation>Kvot: %1 använt av %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="239"/>
        <source>upload</source>
        <translation>uppladdning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="242"/>
        <source>Exam uploaded</source>
        <translation>Undersökning uppladdad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="243"/>
        <source>%1: all %2 files are on the server and verified.</source>
        <translation>%1: alla %2 filer finns på servern och är verifierade.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="248"/>
        <source>%1: stopped; it stays in the queue.</source>
        <translation>%1: stoppad; den ligger kvar i kön.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="254"/>
        <location filename="../../echouploader/ui/queue_flow.py" line="265"/>
        <source>Upload failed</source>
        <translation>Uppladdningen misslyckades</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="255"/>
        <source>%1 was not completely uploaded: %2</source>
        <translation>%1 laddades inte upp helt: %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="278"/>
        <source>%1 upload(s) from an earlier session are not finished; connect to their server to resume them.</source>
        <translation>%1 uppladdning(ar) från en tidigare session är inte klara; anslut till deras server för att återuppta dem.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="311"/>
        <source>Resume uploads</source>
        <translation>Återuppta uppladdningar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_flow.py" line="313"/>
        <source>%1 unfinished upload(s) to this server are in the queue. Resume them now?</source>
        <translation>%1 oavslutad(e) uppladdning(ar) till denna server finns i kön. Återuppta dem nu?</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="85"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="112"/>
        <source>Transfer queue</source>
        <translation>Överföringskö</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="102"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="103"/>
        <source>Exam</source>
        <translation>Undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="104"/>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="105"/>
        <source>Progress</source>
        <translation>Förlopp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="106"/>
        <source>Rate</source>
        <translation>Hastighet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="107"/>
        <source>Time left</source>
        <translation>Återstår</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="108"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="129"/>
        <source>Queued files (%1)</source>
        <translation>Filer i kö (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="130"/>
        <source>Failed transfers (%1)</source>
        <translation>Misslyckade överföringar (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="131"/>
        <source>Successful transfers (%1)</source>
        <translation>Lyckade överföringar (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="139"/>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="235"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="333"/>
        <source>Queued</source>
        <translation>I kö</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="334"/>
        <source>Transferring</source>
        <translation>Överför</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="335"/>
        <source>Verified</source>
        <translation>Verifierad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="336"/>
        <source>Skipped (already on the server)</source>
        <translation>Hoppades över (finns redan på servern)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="337"/>
        <source>Failed, will retry</source>
        <translation>Misslyckades, försöker igen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="338"/>
        <source>Waiting for space on the server</source>
        <translation>Väntar på utrymme på servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="339"/>
        <source>Cancelled</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="366"/>
        <location filename="../../echouploader/ui/queue_panel.py" line="374"/>
        <source>Waiting to resume</source>
        <translation>Väntar på att återupptas</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="395"/>
        <source>%1 on the server</source>
        <translation>%1 på servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="401"/>
        <source>Waiting to resume: %1 of %2 on the server</source>
        <translation>Väntar på att återupptas: %1 av %2 på servern</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="419"/>
        <source>Checking %1 of %2</source>
        <translation>Kontrollerar %1 av %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="423"/>
        <source>De-identifying %1 of %2</source>
        <translation>Avidentifierar %1 av %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="442"/>
        <source>Uploading</source>
        <translation>Laddar upp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="450"/>
        <source>Verifying</source>
        <translation>Verifierar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="453"/>
        <source>Uploading %1 of %2 files</source>
        <translation>Laddar upp %1 av %2 filer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="503"/>
        <source>Paused; kept in the queue</source>
        <translation>Pausad; sparad i kön</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="508"/>
        <source>Failed; see Failed transfers</source>
        <translation>Misslyckades; se Misslyckade överföringar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="493"/>
        <source>Stopped; kept in the queue</source>
        <translation>Stoppad; ligger kvar i kön</translation>
    </message>
</context>
<context>
    <name>RemoteBrowser</name>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="53"/>
        <location filename="../../echouploader/ui/remote_browser.py" line="159"/>
        <source>Rename</source>
        <translation>Byt namn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="55"/>
        <location filename="../../echouploader/ui/remote_browser.py" line="208"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="83"/>
        <source>Retrieving directory listing of &quot;%1&quot;…</source>
        <translation>Hämtar kataloglistning för &quot;%1&quot;…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="91"/>
        <source>Directory listing of &quot;%1&quot; successful</source>
        <translation>Kataloglistning för &quot;%1&quot; lyckades</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="117"/>
        <source>New &amp;exam folder…</source>
        <translation>Ny &amp;undersökningsmapp…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="119"/>
        <source>New &amp;folder…</source>
        <translation>Ny &amp;mapp…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="122"/>
        <source>Re&amp;name…</source>
        <translation>Byt &amp;namn…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="125"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Ta bort…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="129"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="160"/>
        <source>New name for %1:</source>
        <translation>Nytt namn för %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="177"/>
        <source>Renamed %1 to %2.</source>
        <translation>Bytte namn på %1 till %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="195"/>
        <source>%1 is not an unfinished upload of this computer; only those can be deleted here.</source>
        <translation>%1 är inte en ofullständig uppladdning från den här datorn; bara sådana kan tas bort här.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="202"/>
        <source>Delete the folder %1 and everything in it from the server?</source>
        <translation>Ta bort mappen %1 och allt i den från servern?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="204"/>
        <source>Delete the file %1 from the server?</source>
        <translation>Ta bort filen %1 från servern?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="209"/>
        <source>This cannot be undone.</source>
        <translation>Det går inte att ångra.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="215"/>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="229"/>
        <source>Deleted %1.</source>
        <translation>Tog bort %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="243"/>
        <source>New folder</source>
        <translation>Ny mapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="244"/>
        <source>Name of the new folder in %1:</source>
        <translation>Namn på den nya mappen i %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="257"/>
        <source>A folder name cannot contain &apos;/&apos; or be &apos;.&apos; or &apos;..&apos;.</source>
        <translation>Ett mappnamn får inte innehålla &apos;/&apos; eller vara &apos;.&apos; eller &apos;..&apos;.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_browser.py" line="268"/>
        <source>Created folder %1.</source>
        <translation>Skapade mappen %1.</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="70"/>
        <source>Last modified</source>
        <translation>Senast ändrad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="63"/>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
</context>
<context>
    <name>SiteFlow</name>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="86"/>
        <source>Password for %1 saved.</source>
        <translation>Lösenordet för %1 sparades.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="139"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="141"/>
        <source>Password for %1 (%2):</source>
        <translation>Lösenord för %1 (%2):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="167"/>
        <source>Keyring: %1</source>
        <translation>Nyckelring: %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="174"/>
        <source>Keyring: unavailable</source>
        <translation>Nyckelring: inte tillgänglig</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/site_flow.py" line="187"/>
        <source>Practice server on this computer (EchoUploader --demo).</source>
        <translation>Övningsserver på denna dator (EchoUploader --demo).</translation>
    </message>
</context>
<context>
    <name>SiteManagerDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="46"/>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="47"/>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="305"/>
        <source>Site Manager</source>
        <translation>Platshanteraren</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="52"/>
        <source>Sites</source>
        <translation>Platser</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="86"/>
        <source>FTPS, implicit TLS (port 990)</source>
        <translation>FTPS, implicit TLS (port 990)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="87"/>
        <source>FTPES, explicit TLS (port 21)</source>
        <translation>FTPES, explicit TLS (port 21)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="92"/>
        <source>kept in the keyring; type to change</source>
        <translation>sparas i nyckelringen; skriv för att ändra</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="98"/>
        <source> MB/s</source>
        <translation> MB/s</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="99"/>
        <source>no limit</source>
        <translation>ingen gräns</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="105"/>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="106"/>
        <source>&amp;Host:</source>
        <translation>&amp;Värd:</translation>
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
        <translation>&amp;Användare:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="110"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="111"/>
        <source>Server &amp;folder:</source>
        <translation>Server&amp;mapp:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="112"/>
        <source>Speed &amp;limit:</source>
        <translation>Hastighets&amp;gräns:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="113"/>
        <source>&amp;Comments:</source>
        <translation>&amp;Kommentarer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="128"/>
        <source>&amp;New site</source>
        <translation>&amp;Ny plats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="129"/>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="130"/>
        <source>&amp;Remove</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="131"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importera…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="132"/>
        <source>&amp;Connect</source>
        <translation>&amp;Anslut</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="133"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="176"/>
        <source> (managed by IT)</source>
        <translation> (hanteras av IT)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="219"/>
        <source>This site is managed by your IT department and cannot be changed here.</source>
        <translation>Denna plats hanteras av din IT-avdelning och kan inte ändras här.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="253"/>
        <source>New site</source>
        <translation>Ny plats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="287"/>
        <source>Import sites from a FileZilla file</source>
        <translation>Importera platser från en FileZilla-fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="288"/>
        <source>FileZilla site files (*.xml)</source>
        <translation>FileZilla-platsfiler (*.xml)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/site_manager.py" line="288"/>
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../echouploader/ui/workers.py" line="44"/>
        <source>An unexpected error stopped this task (%1); the details were saved to the log.</source>
        <translation>Ett oväntat fel stoppade denna uppgift (%1); detaljerna sparades i loggen.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../echouploader/ui/arrivals_view.py" line="439"/>
        <source>Connect to the server first.</source>
        <translation>Anslut till servern först.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="48"/>
        <source>Subject number</source>
        <translation>Försökspersonsnummer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="49"/>
        <source>study subject number, e.g. 1042</source>
        <translation>studiens försökspersonsnummer, t.ex. 1042</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="51"/>
        <source>Echo</source>
        <translation>Eko</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="55"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Försöksperson:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/exam.py" line="57"/>
        <source>&amp;Echo:</source>
        <translation>&amp;Eko:</translation>
    </message>
</context>
</TS>
