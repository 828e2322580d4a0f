<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<!-- Qt's own words that its qtbase_fr.qm (6.11) lacks: the file dialog's labels gained
     mnemonics (« &Look in: ») after the French catalogue was made. Edited by hand;
     compiled with the other catalogues (crmdesk/gui/forms/build.py, option i18n). -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
</TS>
