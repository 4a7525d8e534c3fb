<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>CertificateDetails</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="51" />
        <source>Certificate</source>
        <translation>Certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="53" />
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingeravtryck (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="54" />
        <source>Fingerprint (SHA-1):</source>
        <translation>Fingeravtryck (SHA-1):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="55" />
        <source>From %1 to %2</source>
        <translation>Från %1 till %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="58" />
        <source>(EXPIRED)</source>
        <translation>(UTGÅNGET)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="60" />
        <source>(NOT YET VALID)</source>
        <translation>(ÄNNU INTE GILTIGT)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="61" />
        <source>Validity period:</source>
        <translation>Giltighetstid:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="62" />
        <source>Subject:</source>
        <translation>Ämne:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="64" />
        <source>Same as subject, certificate is self-signed</source>
        <translation>Samma som ämnet, certifikatet är självsignerat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="68" />
        <source>Issuer:</source>
        <translation>Utfärdare:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="69" />
        <source>Serial:</source>
        <translation>Serienummer:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="71" />
        <source>%1 with %2 bits</source>
        <translation>%1 med %2 bitar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="75" />
        <source>Public key algorithm:</source>
        <translation>Algoritm för publik nyckel:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="78" />
        <source>(WEAK)</source>
        <translation>(SVAG)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="79" />
        <source>Signature algorithm:</source>
        <translation>Signaturalgoritm:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="82" />
        <source>Session details</source>
        <translation>Sessionsdetaljer</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="84" />
        <source>Host:</source>
        <translation>Värd:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="86" />
        <source>matches the certificate</source>
        <translation>stämmer med certifikatet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="89" />
        <source>does NOT match the certificate (usual for an IP address and a self-signed certificate)</source>
        <translation>stämmer INTE med certifikatet (vanligt för en IP-adress och ett självsignerat certifikat)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="93" />
        <source>Host name:</source>
        <translation>Värdnamn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="94" />
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="95" />
        <source>Cipher:</source>
        <translation>Chiffer:</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="105" />
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="106" />
        <source>Unknown certificate</source>
        <translation>Okänt certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="111" />
        <source>The server's certificate is unknown. Please carefully examine the certificate to make sure the server can be trusted.</source>
        <translation>Serverns certifikat är okänt. Granska certifikatet noga för att försäkra dig om att servern går att lita på.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="118" />
        <source>&lt;b&gt;Compare the SHA-256 fingerprint below with the one the core lab sent you&lt;/b&gt; (by e-mail or letter). If they differ, press Cancel and call the core lab.</source>
        <translation>&lt;b&gt;Jämför SHA-256-fingeravtrycket nedan med det som core lab skickade dig&lt;/b&gt; (via e-post eller brev). Om de skiljer sig åt, tryck Avbryt och ring core lab.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="126" />
        <source>Trust the server certificate and carry on connecting?</source>
        <translation>Lita på serverns certifikat och fortsätta ansluta?</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="127" />
        <source>&amp;Always trust this certificate in future sessions.</source>
        <translation>&amp;Lita alltid på detta certifikat i framtida sessioner.</translation>
    </message>
</context>
<context>
    <name>ChangedCertificateDialog</name>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="161" />
        <source>WARNING: the server certificate has changed</source>
        <translation>VARNING: serverns certifikat har ändrats</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="162" />
        <source>Changed certificate warning</source>
        <translation>Varning för ändrat certifikat</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="167" />
        <source>&lt;h3 style='color:#b00020'&gt;The server's certificate has CHANGED&lt;/h3&gt;&lt;p&gt;The server at %1 presented a different certificate from the one you trusted before. This can mean that someone is intercepting the connection to read the password and the patient data. It can also mean that the core lab replaced its certificate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;No password was sent.&lt;/b&gt; Do not continue on your own: contact the core lab or your IT department and ask whether the server's certificate was changed, and for its new SHA-256 fingerprint.&lt;/p&gt;</source>
        <translation>&lt;h3 style='color:#b00020'&gt;Serverns certifikat har ÄNDRATS&lt;/h3&gt;&lt;p&gt;Servern på %1 visade ett annat certifikat än det du tidigare litade på. Det kan betyda att någon avlyssnar anslutningen för att läsa lösenordet och patientdata. Det kan också betyda att core lab har bytt certifikat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Inget lösenord skickades.&lt;/b&gt; Fortsätt inte på egen hand: kontakta core lab eller din IT-avdelning och fråga om serverns certifikat har bytts, och be om dess nya SHA-256-fingeravtryck.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="181" />
        <source>Trusted before (SHA-256):</source>
        <translation>Betrott tidigare (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="186" />
        <source>New fingerprint</source>
        <translation>Nytt fingeravtryck</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="189" />
        <source>Trust the new certificate</source>
        <translation>Lita på det nya certifikatet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="192" />
        <source>Disconnect</source>
        <translation>Koppla från</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="199" />
        <source>Your IT department pinned the certificate for this site; only they can change it.</source>
        <translation>Din IT-avdelning har låst certifikatet för denna plats; bara de kan ändra det.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="209" />
        <source>Only if the core lab confirmed the change: type or paste the new SHA-256 fingerprint they sent you:</source>
        <translation>Endast om core lab har bekräftat ändringen: skriv eller klistra in det nya SHA-256-fingeravtrycket som de skickade dig:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="230" />
        <source>The fingerprint matches the server's new certificate.</source>
        <translation>Fingeravtrycket stämmer med serverns nya certifikat.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/dialogs/certificate.py" line="232" />
        <source>This does not match the certificate the server presented.</source>
        <translation>Detta stämmer inte med certifikatet som servern visade.</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="63" />
        <source>Connecting to %1 (%2)…</source>
        <translation>Ansluter till %1 (%2)…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="95" />
        <source>TLS connection established: %1, %2.</source>
        <translation>TLS-anslutning upprättad: %1, %2.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="99" />
        <source>Logged in as %1.</source>
        <translation>Inloggad som %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="117" />
        <source>The server's certificate is not known yet; waiting for your answer.</source>
        <translation>Serverns certifikat är ännu okänt; väntar på ditt svar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="125" />
        <source>Certificate not trusted; disconnected.</source>
        <translation>Certifikatet godkändes inte; frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="149" />
        <source>The changed certificate was not accepted; disconnected.</source>
        <translation>Det ändrade certifikatet godkändes inte; frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/connection.py" line="152" />
        <source>The new certificate was confirmed by its fingerprint.</source>
        <translation>Det nya certifikatet bekräftades med sitt fingeravtryck.</translation>
    </message>
</context>
<context>
    <name>LocalPane</name>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="33" />
        <source>&amp;Local site:</source>
        <translation>&amp;Lokal plats:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="35" />
        <source>Local folder</source>
        <translation>Lokal mapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/local_pane.py" line="40" />
        <source>Local files</source>
        <translation>Lokala filer</translation>
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
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="95" />
        <source>&amp;Site Manager…</source>
        <translation>&amp;Platshanteraren…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="97" />
        <source>&amp;Import sites…</source>
        <translation>&amp;Importera platser…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="99" />
        <source>&amp;Disconnect</source>
        <translation>&amp;Koppla från</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="102" />
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="106" />
        <source>&amp;Transfer</source>
        <translation>Ö&amp;verföring</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="107" />
        <source>&amp;Cancel all transfers</source>
        <translation>&amp;Avbryt alla överföringar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="108" />
        <source>C&amp;lear finished transfers</source>
        <translation>&amp;Rensa avslutade överföringar</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="111" />
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="112" />
        <location filename="../../echouploader/ui/main_window.py" line="394" />
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="115" />
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="117" />
        <source>System language</source>
        <translation>Systemets språk</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="123" />
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="124" />
        <source>Open &amp;log folder</source>
        <translation>Öppna &amp;loggmappen</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="128" />
        <source>&amp;About EchoUploader</source>
        <translation>&amp;Om EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="142" />
        <source>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</source>
        <translation>990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144" />
        <source>&amp;Host:</source>
        <translation>&amp;Värd:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="144" />
        <source>Host</source>
        <translation>Värd</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="145" />
        <source>&amp;Username:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="145" />
        <source>Username</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="146" />
        <source>Pass&amp;word:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="146" />
        <source>Password</source>
        <translation>Lösenord</translation>
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
        <translation>S&amp;nabbanslut</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="156" />
        <source>Quickconnect</source>
        <translation>Snabbanslut</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="166" />
        <source>Message log</source>
        <translation>Meddelandelogg</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="176" />
        <source>Remote folder</source>
        <translation>Fjärrmapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="177" />
        <source>&amp;Remote site:</source>
        <translation>&amp;Fjärrplats:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="184" />
        <source>Remote files</source>
        <translation>Fjärrfiler</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="219" />
        <source>Quota: – of %1 GB</source>
        <translation>Kvot: – av %1 GB</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="221" />
        <source>Keyring: –</source>
        <translation>Nyckelring: –</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="238" />
        <source>Error:</source>
        <translation>Fel:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="238" />
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="269" />
        <source>Enter the server's host name or IP address.</source>
        <translation>Ange serverns värdnamn eller IP-adress.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="271" />
        <source>Enter the user name the core lab gave you.</source>
        <translation>Ange användarnamnet du fick av core lab.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="297" />
        <source>Connecting to %1…</source>
        <translation>Ansluter till %1…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="318" />
        <source>Disconnected.</source>
        <translation>Frånkopplad.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="326" />
        <source>Connected to %1</source>
        <translation>Ansluten till %1</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="329" />
        <source>accepted for this session</source>
        <translation>godkänt för denna session</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="331" />
        <source>TLS (%1), certificate %2</source>
        <translation>TLS (%1), certifikat %2</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="336" />
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="358" />
        <source>Retrieving directory listing of "%1"…</source>
        <translation>Hämtar kataloglistning för "%1"…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="365" />
        <source>Directory listing of "%1" successful</source>
        <translation>Kataloglistning för "%1" lyckades</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="389" />
        <source>New &amp;exam folder…</source>
        <translation>Ny &amp;undersökningsmapp…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="391" />
        <source>New &amp;folder…</source>
        <translation>Ny &amp;mapp…</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="402" />
        <source>New folder</source>
        <translation>Ny mapp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="403" />
        <source>Name of the new folder in %1:</source>
        <translation>Namn på den nya mappen i %1:</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="415" />
        <source>A folder name cannot contain '/' or be '.' or '..'.</source>
        <translation>Ett mappnamn får inte innehålla '/' eller vara '.' eller '..'.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="422" />
        <source>Created folder %1.</source>
        <translation>Skapade mappen %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="431" />
        <source>Creating exam folders needs the exam naming rules, which this version does not have yet.</source>
        <translation>För att skapa undersökningsmappar behövs namnreglerna, som denna version ännu saknar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="441" />
        <source>Connect to the core lab's server first, then drop the exam folder.</source>
        <translation>Anslut först till core labs server och släpp sedan undersökningsmappen.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="447" />
        <source>Drop an exam folder (one folder per echo exam), not single files.</source>
        <translation>Släpp en undersökningsmapp (en mapp per ekoundersökning), inte enskilda filer.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="451" />
        <source>Exam folder dropped onto %1.</source>
        <translation>Undersökningsmapp släppt på %1.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="457" />
        <source>Checking and uploading exams is not available in this version yet.</source>
        <translation>Kontroll och uppladdning av undersökningar finns inte i denna version ännu.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="477" />
        <source>Transfers are still running</source>
        <translation>Överföringar pågår fortfarande</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="479" />
        <source>%1 file(s) are still queued or being uploaded. Quit anyway? The queue is kept and offered for resuming the next time EchoUploader starts.</source>
        <translation>%1 fil(er) väntar fortfarande eller laddas upp. Avsluta ändå? Kön sparas och erbjuds för återupptagning nästa gång EchoUploader startar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="518" />
        <source>EchoUploader — demo</source>
        <translation>EchoUploader — demo</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="521" />
        <source>Demo mode: a practice FTPS server runs on this computer (127.0.0.1:%1). Its password '%2' is a well-known demo password; it protects nothing real.</source>
        <translation>Demoläge: en övningsserver för FTPS körs på denna dator (127.0.0.1:%1). Dess lösenord '%2' är ett allmänt känt demolösenord; det skyddar inget verkligt.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="530" />
        <source>A demo exam with a fake patient name is in %1: connect, then drag it to the right.</source>
        <translation>En demoundersökning med ett påhittat patientnamn finns i %1: anslut och dra den sedan till höger.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="538" />
        <source>The language changes the next time EchoUploader starts.</source>
        <translation>Språket byts nästa gång EchoUploader startar.</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="543" />
        <source>About EchoUploader</source>
        <translation>Om EchoUploader</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/main_window.py" line="545" />
        <source>EchoUploader %1
Sends echocardiography exams to a core lab over FTPS: checked, de-identified and verified.</source>
        <translation>EchoUploader %1
Skickar ekokardiografiundersökningar till ett core lab via FTPS: kontrollerade, avidentifierade och verifierade.</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="66" />
        <source>Transfer queue</source>
        <translation>Överföringskö</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="82" />
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="83" />
        <source>Exam</source>
        <translation>Undersökning</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="84" />
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="85" />
        <source>Progress</source>
        <translation>Förlopp</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="86" />
        <source>Rate</source>
        <translation>Hastighet</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="87" />
        <source>Time left</source>
        <translation>Återstår</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="88" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="98" />
        <source>Queued files (%1)</source>
        <translation>Filer i kö (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="101" />
        <source>Failed transfers (%1)</source>
        <translation>Misslyckade överföringar (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="105" />
        <source>Successful transfers (%1)</source>
        <translation>Lyckade överföringar (%1)</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/queue_panel.py" line="116" />
        <source>Queued</source>
        <translation>I kö</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="42" />
        <source>Last modified</source>
        <translation>Senast ändrad</translation>
    </message>
    <message>
        <location filename="../../echouploader/ui/remote_pane.py" line="62" />
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
</context>
</TS>
