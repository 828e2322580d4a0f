<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AgendaModel</name>
    <message>
        <source>Monday</source>
        <translation>Lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Dimanche</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… %1 de plus</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Semaine</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>Suiva&amp;nt ▶</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Du %1 au %2</translation>
    </message>
</context>
<context>
    <name>AnalysisMenu</name>
    <message>
        <source>A&amp;nalysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>Customer &amp;statuses…</source>
        <translation>&amp;Statuts clients…</translation>
    </message>
    <message>
        <source>The status grid: thresholds, bounds and counted criteria</source>
        <translation>La grille des statuts : seuils, bornes et critères comptés</translation>
    </message>
    <message>
        <source>&amp;Distribution by status…</source>
        <translation>&amp;Répartition par statut…</translation>
    </message>
    <message>
        <source>Clients and revenue per status, in volume and in value</source>
        <translation>Clients et chiffre d&apos;affaires par statut, en volume et en valeur</translation>
    </message>
    <message>
        <source>&amp;RFM analysis…</source>
        <translation>Analyse R&amp;FM…</translation>
    </message>
    <message>
        <source>Recency, frequency, monetary scores and segments of the clients</source>
        <translation>Scores récence, fréquence, montant et segments des clients</translation>
    </message>
    <message>
        <source>Di&amp;gital indicators…</source>
        <translation>Indicateurs &amp;numériques…</translation>
    </message>
    <message>
        <source>Web shop and social network figures per period, and their rates</source>
        <translation>Chiffres de la boutique en ligne et des réseaux sociaux par période, et leurs taux</translation>
    </message>
    <message>
        <source>Indicator &amp;thresholds…</source>
        <translation>Seuils des &amp;indicateurs…</translation>
    </message>
    <message>
        <source>The sector thresholds the satisfaction and digital indicators are compared with</source>
        <translation>Les seuils du secteur auxquels se comparent les indicateurs de satisfaction et numériques</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>Stat&amp;ut&#xa0;:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Each client&apos;s status of today (Analysis &gt; Customer statuses…); « (none) »: outside the grid, or no order yet</source>
        <translation>Le statut du jour de chaque client (Analyse &gt; Statuts clients…) ; « (aucun) » : hors grille, ou pas encore de commande</translation>
    </message>
    <message>
        <source>Each client&apos;s RFM segment of today, with the method and window chosen in Analysis &gt; RFM analysis… (« Use for the client file »)</source>
        <translation>Le segment RFM du jour de chaque client, selon la méthode et la fenêtre choisies dans Analyse &gt; Analyse RFM… (« Utiliser pour le fichier clients »)</translation>
    </message>
    <message>
        <source>RFM se&amp;gment:</source>
        <translation>Se&amp;gment RFM&#xa0;:</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>New survey answer</source>
        <translation>Nouvelle réponse d&apos;enquête</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>Réponse d&apos;enquête</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>CSAT, satisfaction (1 to 5)</source>
        <translation>CSAT, satisfaction (1 à 5)</translation>
    </message>
    <message>
        <source>NPS, recommendation (0 to 10)</source>
        <translation>NPS, recommandation (0 à 10)</translation>
    </message>
    <message>
        <source>CES, effort (1 to 7, lower is better)</source>
        <translation>CES, effort (1 à 7, plus bas = mieux)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— aucune —</translation>
    </message>
    <message>
        <source> (closed %1)</source>
        <translation> (clôturée le %1)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Indicator:</source>
        <translation>&amp;Indicateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation>&amp;Note&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Commentaire&#xa0;:</translation>
    </message>
    <message>
        <source>Com&amp;plaint survey:</source>
        <translation>Enquête de la &amp;réclamation&#xa0;:</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>de %1 à %2</translation>
    </message>
</context>
<context>
    <name>AnswerTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Élément</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Ancienne valeur</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nouvelle valeur</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>Anonymisation</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>Réponse d&apos;enquête</translation>
    </message>
    <message>
        <source>Rights request</source>
        <translation>Demande de droits</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Réglage</translation>
    </message>
    <message>
        <source>created</source>
        <translation>création</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modification</translation>
    </message>
    <message>
        <source>tags changed</source>
        <translation>modification des étiquettes</translation>
    </message>
    <message>
        <source>sent to the trash</source>
        <translation>mise à la corbeille</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>restauration</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>merge undone</source>
        <translation>annulation de fusion</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>import</translation>
    </message>
    <message>
        <source>import undone</source>
        <translation>annulation d&apos;import</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>anonymisation</translation>
    </message>
    <message>
        <source>purged</source>
        <translation>purge</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>Journal des modifications</translation>
    </message>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>Affic&amp;her</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Client&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>Acti&amp;on&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>The %1 latest changes are shown: narrow the filters to see older ones.</source>
        <translation>Seules les %1 dernières modifications sont affichées&#xa0;: affinez les filtres pour voir les plus anciennes.</translation>
    </message>
    <message>
        <source>%1 change(s).</source>
        <translation>%1 modification(s).</translation>
    </message>
</context>
<context>
    <name>BackupHooks</name>
    <message>
        <source>Backing up…</source>
        <translation>Sauvegarde…</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Vérification de la sauvegarde…</translation>
    </message>
    <message>
        <source>Backing up « %1 »…</source>
        <translation>Sauvegarde de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>Sauvegarde effectuée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>La sauvegarde automatique a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>Sauvegarde automatique</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
</context>
<context>
    <name>BusinessDialog</name>
    <message>
        <source>Business identity</source>
        <translation>Identité de l&apos;entreprise</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Activité</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>A&amp;dresse</translation>
    </message>
    <message>
        <source>&amp;Postal code</source>
        <translation>Code &amp;postal</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>&amp;Ville</translation>
    </message>
    <message>
        <source>&amp;SIRET</source>
        <translation>&amp;SIRET</translation>
    </message>
    <message>
        <source>Ph&amp;one</source>
        <translation>&amp;Téléphone</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>Site &amp;web</translation>
    </message>
    <message>
        <source>&amp;Mediator</source>
        <translation>&amp;Médiateur</translation>
    </message>
    <message>
        <source>Media&amp;tor&apos;s address</source>
        <translation>Adresse du médiate&amp;ur</translation>
    </message>
    <message>
        <source>Mediator&apos;s web s&amp;ite</source>
        <translation>S&amp;ite du médiateur</translation>
    </message>
    <message>
        <source>Online satisfaction s&amp;urvey</source>
        <translation>En&amp;quête en ligne</translation>
    </message>
    <message>
        <source>C&amp;hoose an image…</source>
        <translation>C&amp;hoisir une image…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Printed at the top of client sheets, client cards and letters.</source>
        <translation>Imprimé en tête des fiches client, des cartes client et des courriers.</translation>
    </message>
    <message>
        <source>Numbers of new clients</source>
        <translation>Numéros des nouveaux clients</translation>
    </message>
    <message>
        <source>The letters before the number (may be empty)</source>
        <translation>Les lettres avant le numéro (peut rester vide)</translation>
    </message>
    <message>
        <source>Pre&amp;fix</source>
        <translation>Pré&amp;fixe</translation>
    </message>
    <message>
        <source>Di&amp;gits</source>
        <translation>&amp;Chiffres</translation>
    </message>
    <message>
        <source>Next new client: %1</source>
        <translation>Prochain nouveau client&#xa0;: %1</translation>
    </message>
    <message>
        <source>Complaints: consumer mediator and satisfaction survey</source>
        <translation>Réclamations&#xa0;: médiateur de la consommation et enquête de satisfaction</translation>
    </message>
    <message>
        <source>No sales to consumers (&amp;businesses only): no mediator</source>
        <translation>Pas de vente aux &amp;consommateurs (clients professionnels seulement)&#xa0;: pas de médiateur</translation>
    </message>
    <message>
        <source>https://… ({reference}: the complaint&apos;s reference)</source>
        <translation>https://… ({reference}&#xa0;: la référence de la réclamation)</translation>
    </message>
    <message>
        <source>Logo of the business</source>
        <translation>Logo de l&apos;entreprise</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>(no logo)</source>
        <translation>(pas de logo)</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields framed in red.</source>
        <translation>Rien n&apos;a été enregistré&#xa0;: corrigez les champs encadrés en rouge.</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>%1 (trash)</source>
        <translation>%1 (corbeille)</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>Products and categories</source>
        <translation>Produits et catégories</translation>
    </message>
    <message>
        <source>&amp;Products</source>
        <translation>&amp;Produits</translation>
    </message>
    <message>
        <source>Ca&amp;tegories</source>
        <translation>Ca&amp;tégories</translation>
    </message>
    <message>
        <source>&amp;Revenue by category</source>
        <translation>&amp;Répartition du CA</translation>
    </message>
    <message>
        <source>e.g. 12,50</source>
        <translation>ex. 12,50</translation>
    </message>
    <message>
        <source>On sale (shown when typing an order)</source>
        <translation>En vente (proposé à la saisie d&apos;une commande)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>Caté&amp;gorie&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Unit price:</source>
        <translation>Prix &amp;unitaire&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;dd as a new product</source>
        <translation>A&amp;jouter comme nouveau produit</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
    <message>
        <source>Deact&amp;ivate</source>
        <translation>Désact&amp;iver</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>R&amp;ename</source>
        <translation>Re&amp;nommer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>All clients, all orders. The value of each order line counts for its category (the product&apos;s when the line has none); orders without lines count under « Sans catégorie ».</source>
        <translation>Tous les clients, toutes les commandes. Chaque ligne de commande compte pour sa catégorie (celle du produit si la ligne n&apos;en a pas) ; les commandes sans lignes comptent dans « Sans catégorie ».</translation>
    </message>
    <message>
        <source>Share of revenue (%)</source>
        <translation>Part du chiffre d&apos;affaires (%)</translation>
    </message>
    <message>
        <source>Product added.</source>
        <translation>Produit ajouté.</translation>
    </message>
    <message>
        <source>Pick a product in the list first.</source>
        <translation>Choisissez d&apos;abord un produit dans la liste.</translation>
    </message>
    <message>
        <source>Product saved.</source>
        <translation>Produit enregistré.</translation>
    </message>
    <message>
        <source>Product deactivated: past orders keep it, new orders no longer offer it.</source>
        <translation>Produit désactivé : les commandes passées le gardent, les nouvelles ne le proposent plus.</translation>
    </message>
    <message>
        <source>Category added.</source>
        <translation>Catégorie ajoutée.</translation>
    </message>
    <message>
        <source>Pick a category in the list first.</source>
        <translation>Choisissez d&apos;abord une catégorie dans la liste.</translation>
    </message>
    <message>
        <source>Category renamed.</source>
        <translation>Catégorie renommée.</translation>
    </message>
    <message>
        <source>Category deleted.</source>
        <translation>Catégorie supprimée.</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>Lignes de commande</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Client %1 — %2</source>
        <translation>Client %1 — %2</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>&amp;Identity</source>
        <translation>&amp;Identité</translation>
    </message>
    <message>
        <source>&amp;Relationship</source>
        <translation>Re&amp;lation</translation>
    </message>
    <message>
        <source>Consent / &amp;GDPR</source>
        <translation>Consentements / R&amp;GPD</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>&amp;Étape&#xa0;:</translation>
    </message>
    <message>
        <source>Client &amp;no.:</source>
        <translation>&amp;N° client&#xa0;:</translation>
    </message>
    <message>
        <source>given automatically</source>
        <translation>attribué automatiquement</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>N&amp;om&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Prénom&#xa0;:</translation>
    </message>
    <message>
        <source>Co&amp;mpany name:</source>
        <translation>R&amp;aison sociale&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Works for:</source>
        <translation>Travaille c&amp;hez&#xa0;:</translation>
    </message>
    <message>
        <source>type the company&apos;s name, pick it in the list</source>
        <translation>tapez le nom de l&apos;entreprise, choisissez-la dans la liste</translation>
    </message>
    <message>
        <source>&amp;Job title:</source>
        <translation>&amp;Fonction&#xa0;:</translation>
    </message>
    <message>
        <source>SIRE&amp;T:</source>
        <translation>SIR&amp;ET&#xa0;:</translation>
    </message>
    <message>
        <source>14 digits</source>
        <translation>14 chiffres</translation>
    </message>
    <message>
        <source>&amp;Birth date:</source>
        <translation>&amp;Date de naissance&#xa0;:</translation>
    </message>
    <message>
        <source>People in this company</source>
        <translation>Contacts de l&apos;entreprise</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>name@example.fr</source>
        <translation>nom@exemple.fr</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Téléphone&#xa0;:</translation>
    </message>
    <message>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Adre&amp;sse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Département&#xa0;:</translation>
    </message>
    <message>
        <source>from the postal code</source>
        <translation>déduit du code postal</translation>
    </message>
    <message>
        <source>FR</source>
        <translation>FR</translation>
    </message>
    <message>
        <source>Two-letter country code: FR, BE, CH…</source>
        <translation>Code du pays en deux lettres&#xa0;: FR, BE, CH…</translation>
    </message>
    <message>
        <source>&amp;First contact:</source>
        <translation>&amp;Premier contact&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Source&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Contact details</source>
        <translation>&amp;Coordonnées</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidélité</translation>
    </message>
    <message>
        <source>Ci&amp;vility:</source>
        <translation>Ci&amp;vilité&#xa0;:</translation>
    </message>
    <message>
        <source>Other p&amp;hone:</source>
        <translation>&amp;Autre téléphone&#xa0;:</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>Code &amp;postal&#xa0;:</translation>
    </message>
    <message>
        <source>Cit&amp;y:</source>
        <translation>&amp;Ville&#xa0;:</translation>
    </message>
    <message>
        <source>Regio&amp;n:</source>
        <translation>&amp;Région&#xa0;:</translation>
    </message>
    <message>
        <source>Co&amp;untry:</source>
        <translation>Pa&amp;ys&#xa0;:</translation>
    </message>
    <message>
        <source>Preferred channe&amp;l:</source>
        <translation>Canal préfé&amp;ré&#xa0;:</translation>
    </message>
    <message>
        <source>Sales r&amp;ep:</source>
        <translation>Co&amp;mmercial&#xa0;:</translation>
    </message>
    <message>
        <source>Referred &amp;by:</source>
        <translation>Parrai&amp;n&#xa0;:</translation>
    </message>
    <message>
        <source>type the sponsor&apos;s name, pick it in the list</source>
        <translation>tapez le nom du parrain, choisissez-le dans la liste</translation>
    </message>
    <message>
        <source>Hosts home parties</source>
        <translation>Organise des réunions à domicile</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôtesse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>É&amp;tiquettes&#xa0;:</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>séparées par des virgules</translation>
    </message>
    <message>
        <source>Existing tags: %1</source>
        <translation>Étiquettes existantes&#xa0;: %1</translation>
    </message>
    <message>
        <source>I&amp;nterests:</source>
        <translation>C&amp;entres d&apos;intérêt&#xa0;:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes&#xa0;:</translation>
    </message>
    <message>
        <source>Consent to prospecting</source>
        <translation>Consentement à la prospection</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>How it was given</source>
        <translation>Comment il a été recueilli</translation>
    </message>
    <message>
        <source>By &amp;email</source>
        <translation>Par &amp;e-mail</translation>
    </message>
    <message>
        <source>By te&amp;xt message</source>
        <translation>Par &amp;SMS</translation>
    </message>
    <message>
        <source>By &amp;phone</source>
        <translation>Par &amp;téléphone</translation>
    </message>
    <message>
        <source>Date of consent (%1)</source>
        <translation>Date du consentement (%1)</translation>
    </message>
    <message>
        <source>form, shop, phone call…</source>
        <translation>formulaire, boutique, appel…</translation>
    </message>
    <message>
        <source>Source of consent (%1)</source>
        <translation>Origine du consentement (%1)</translation>
    </message>
    <message>
        <source>&amp;Opposition:</source>
        <translation>&amp;Opposition&#xa0;:</translation>
    </message>
    <message>
        <source>Opposes all prospecting</source>
        <translation>S&apos;oppose à toute prospection</translation>
    </message>
    <message>
        <source>Opposition &amp;date:</source>
        <translation>&amp;Date d&apos;opposition&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Last contact:</source>
        <translation>Dernier co&amp;ntact&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Keep data until:</source>
        <translation>Conserver &amp;jusqu&apos;au&#xa0;:</translation>
    </message>
    <message>
        <source>Personal data is kept for 3 years after the last purchase (client) or the last contact (prospect), then flagged for erasure.</source>
        <translation>Les données personnelles sont conservées 3 ans après le dernier achat (client) ou le dernier contact (prospect), puis signalées pour effacement.</translation>
    </message>
    <message>
        <source>Nobody yet: open a person&apos;s sheet and fill in « Works for ».</source>
        <translation>Personne pour l&apos;instant&#xa0;: ouvrez la fiche d&apos;une personne et remplissez «&#xa0;Travaille chez&#xa0;».</translation>
    </message>
    <message>
        <source>a contact cannot work for itself</source>
        <translation>un contact ne peut pas travailler chez lui-même</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Enregistrement impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>New client %1</source>
        <translation>nouveau client %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>modification de %1</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>type part of the name and pick the client in the list</source>
        <translation>tapez une partie du nom et choisissez le client dans la liste</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>First contact</source>
        <translation>Premier contact</translation>
    </message>
    <message>
        <source>Sales rep</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Revenue 12 months</source>
        <translation>CA 12 mois</translation>
    </message>
    <message>
        <source>Orders/year</source>
        <translation>Commandes/an</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>Dernière commande</translation>
    </message>
    <message>
        <source>RFM code</source>
        <translation>Code RFM</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>Segment RFM</translation>
    </message>
    <message>
        <source>Figures as of %1</source>
        <translation>Chiffres au %1</translation>
    </message>
</context>
<context>
    <name>CohortModel</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Months after the first order: %1</source>
        <translation>Mois après la première commande&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 of the %2 clients of %3 ordered in %4</source>
        <translation>%1 des %2 clients de %3 ont commandé en %4</translation>
    </message>
    <message>
        <source>This month is not over: the figure can still grow.</source>
        <translation>Ce mois n&apos;est pas fini&#xa0;: le chiffre peut encore augmenter.</translation>
    </message>
</context>
<context>
    <name>CohortsDialog</name>
    <message>
        <source>Cohorts</source>
        <translation>Cohortes</translation>
    </message>
    <message>
        <source>the first order</source>
        <translation>la première commande</translation>
    </message>
    <message>
        <source>The first cohort shown (its month); the lowest value: from the first order of the file</source>
        <translation>La première cohorte affichée (son mois)&#xa0;; la plus petite valeur&#xa0;: depuis la première commande du fichier</translation>
    </message>
    <message>
        <source>Cohorts &amp;from:</source>
        <translation>&amp;Cohortes depuis&#xa0;:</translation>
    </message>
    <message>
        <source>Reference &amp;date:</source>
        <translation>&amp;Date de référence&#xa0;:</translation>
    </message>
    <message>
        <source>Shares of the cohort</source>
        <translation>Parts de la cohorte</translation>
    </message>
    <message>
        <source>Numbers of clients</source>
        <translation>Nombres de clients</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>A&amp;fficher&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>The first cohort is after the reference date: nothing to show.</source>
        <translation>La première cohorte est après la date de référence&#xa0;: rien à afficher.</translation>
    </message>
    <message>
        <source>No order up to %1.</source>
        <translation>Aucune commande jusqu&apos;au %1.</translation>
    </message>
    <message>
        <source>%1 clients in %2 cohorts, as of %3. Each cell: the share of the cohort (its row) who ordered that many months after their first order.</source>
        <translation>%1 clients en %2 cohortes, au %3. Chaque case&#xa0;: la part de la cohorte (sa ligne) qui a commandé autant de mois après sa première commande.</translation>
    </message>
    <message>
        <source>The month of %1 is not over: its cells, in italics, can still grow.</source>
        <translation>Le mois du %1 n&apos;est pas fini&#xa0;: ses cases, en italique, peuvent encore augmenter.</translation>
    </message>
    <message>
        <source>Export the cohorts</source>
        <translation>Exporter les cohortes</translation>
    </message>
    <message>
        <source>Cohorts exported to %1.</source>
        <translation>Cohortes exportées dans %1.</translation>
    </message>
</context>
<context>
    <name>CohortsMenu</name>
    <message>
        <source>&amp;Cohorts…</source>
        <translation>&amp;Cohortes…</translation>
    </message>
    <message>
        <source>Retention by month of first order: who orders again, month after month</source>
        <translation>La rétention par mois de première commande&#xa0;: qui recommande, mois après mois</translation>
    </message>
</context>
<context>
    <name>ComplaintDetail</name>
    <message>
        <source>Client:</source>
        <translation>Client&#xa0;:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Reçue le&#xa0;:</translation>
    </message>
    <message>
        <source>Answer due:</source>
        <translation>Réponse due le&#xa0;:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Canal&#xa0;:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Nature:</source>
        <translation>Nature&#xa0;:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Service&#xa0;:</translation>
    </message>
    <message>
        <source>Product / lot:</source>
        <translation>Produit / lot&#xa0;:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Priorité&#xa0;:</translation>
    </message>
    <message>
        <source>In charge:</source>
        <translation>Responsable&#xa0;:</translation>
    </message>
    <message>
        <source>Re-satisfied:</source>
        <translation>Satisfait de nouveau&#xa0;:</translation>
    </message>
    <message>
        <source>Add a &amp;note…</source>
        <translation>Ajouter une n&amp;ote…</translation>
    </message>
    <message>
        <source>Co&amp;rrection…</source>
        <translation>Co&amp;rrection…</translation>
    </message>
    <message>
        <source>Add an a&amp;ttachment…</source>
        <translation>Ajouter une &amp;pièce jointe…</translation>
    </message>
    <message>
        <source>Acknowledgement &amp;letter (PDF)…</source>
        <translation>&amp;Accusé de réception (PDF)…</translation>
    </message>
    <message>
        <source>Cl&amp;osure letter (PDF)…</source>
        <translation>&amp;Lettre de clôture (PDF)…</translation>
    </message>
    <message>
        <source>Satisfaction s&amp;urvey (PDF)…</source>
        <translation>&amp;Enquête de satisfaction (PDF)…</translation>
    </message>
    <message>
        <source>Survey by e-&amp;mail…</source>
        <translation>Enquête par e-&amp;mail…</translation>
    </message>
    <message>
        <source>Survey &amp;answer received…</source>
        <translation>Réponse à l’en&amp;quête…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Pièces jointes&#xa0;:</translation>
    </message>
    <message>
        <source>Once the complaint is closed</source>
        <translation>Une fois la réclamation clôturée</translation>
    </message>
    <message>
        <source>No complaint selected</source>
        <translation>Aucune réclamation choisie</translation>
    </message>
    <message>
        <source>&amp;Next phase…</source>
        <translation>Étape &amp;suivante…</translation>
    </message>
    <message>
        <source>lot %1</source>
        <translation>lot %1</translation>
    </message>
    <message>
        <source>All phases done</source>
        <translation>Toutes les étapes sont faites</translation>
    </message>
    <message>
        <source>&amp;Next phase: %1…</source>
        <translation>Étape &amp;suivante : %1…</translation>
    </message>
    <message>
        <source>Double-click or Enter to open</source>
        <translation>Double-clic ou Entrée pour ouvrir</translation>
    </message>
    <message>
        <source>write the note</source>
        <translation>écrivez la note</translation>
    </message>
    <message>
        <source>Add an attachment</source>
        <translation>Ajouter une pièce jointe</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open an attachment</source>
        <translation>Ouvrir une pièce jointe</translation>
    </message>
    <message>
        <source>Save the attachment as</source>
        <translation>Enregistrer la pièce jointe sous</translation>
    </message>
    <message>
        <source>%1 — judged at closure</source>
        <translation>%1 — jugé à la clôture</translation>
    </message>
    <message>
        <source>%1 — client&apos;s survey: %2 (%3)</source>
        <translation>%1 — enquête du client&#xa0;: %2 (%3)</translation>
    </message>
    <message>
        <source>Closure letter %1</source>
        <translation>Lettre de clôture %1</translation>
    </message>
    <message>
        <source>Satisfaction survey %1</source>
        <translation>Enquête de satisfaction %1</translation>
    </message>
    <message>
        <source>Satisfaction survey %1 by e-mail</source>
        <translation>Enquête de satisfaction %1 par e-mail</translation>
    </message>
    <message>
        <source>Acknowledgement letter %1</source>
        <translation>Accusé de réception %1</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>Nouvelle réclamation</translation>
    </message>
    <message>
        <source>type part of the name, pick the client in the list</source>
        <translation>tapez une partie du nom, choisissez le client dans la liste</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>C&amp;lient&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;anal&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>— choose the kind —</source>
        <translation>— choisir le type —</translation>
    </message>
    <message>
        <source>&amp;Nature:</source>
        <translation>&amp;Nature&#xa0;:</translation>
    </message>
    <message>
        <source>Se&amp;rvice concerned:</source>
        <translation>Se&amp;rvice concerné&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Produit&#xa0;:</translation>
    </message>
    <message>
        <source>L&amp;ot:</source>
        <translation>L&amp;ot&#xa0;:</translation>
    </message>
    <message>
        <source>batch number, e.g. L240615</source>
        <translation>numéro de lot, par ex. L240615</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>O&amp;bjet&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>P&amp;erishable goods</source>
        <translation>Produits &amp;frais (périssables)</translation>
    </message>
    <message>
        <source>A failed delivery of fresh products comes first</source>
        <translation>Une livraison de produits frais manquée passe en premier</translation>
    </message>
    <message>
        <source>&amp;Urgent order</source>
        <translation>Commande &amp;urgente</translation>
    </message>
    <message>
        <source>A stock-out on an urgent order comes before a special order</source>
        <translation>Une rupture sur commande urgente passe avant une commande spéciale</translation>
    </message>
    <message>
        <source>1 = to handle first; suggested by the triage rules, you may change it</source>
        <translation>1 = à traiter en premier&#xa0;; proposée par les règles de tri, vous pouvez la changer</translation>
    </message>
    <message>
        <source>Pr&amp;iority:</source>
        <translation>Pr&amp;iorité&#xa0;:</translation>
    </message>
    <message>
        <source>Recei&amp;ved:</source>
        <translation>Re&amp;çue le&#xa0;:</translation>
    </message>
    <message>
        <source>Person in char&amp;ge:</source>
        <translation>Responsabl&amp;e&#xa0;:</translation>
    </message>
    <message>
        <source>Ctrl+Return saves.</source>
        <translation>Ctrl+Entrée enregistre.</translation>
    </message>
    <message>
        <source>choose the kind: it sets the priority</source>
        <translation>choisissez le type&#xa0;: il fixe la priorité</translation>
    </message>
    <message>
        <source>suggested: %1 (%2)</source>
        <translation>proposée : %1 (%2)</translation>
    </message>
    <message>
        <source>required: type part of the client&apos;s name</source>
        <translation>obligatoire : tapez une partie du nom du client</translation>
    </message>
    <message>
        <source>required: choose the kind of complaint (it sets the priority)</source>
        <translation>obligatoire&#xa0;: choisissez le type de réclamation (il fixe la priorité)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>ComplaintsDialog</name>
    <message>
        <source>Complaints queue</source>
        <translation>File des réclamations</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>A&amp;fficher&#xa0;:</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>Réclamations ouvertes</translation>
    </message>
    <message>
        <source>All complaints</source>
        <translation>Toutes les réclamations</translation>
    </message>
    <message>
        <source>Legend:</source>
        <translation>Légende&#xa0;:</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>due today or tomorrow</source>
        <translation>échéance aujourd&apos;hui ou demain</translation>
    </message>
    <message>
        <source>N&amp;ew complaint…</source>
        <translation>&amp;Nouvelle réclamation…</translation>
    </message>
    <message>
        <source>%1 complaints</source>
        <translation>%1 réclamations</translation>
    </message>
    <message>
        <source>1 complaint</source>
        <translation>1 réclamation</translation>
    </message>
</context>
<context>
    <name>ComplaintsMenu</name>
    <message>
        <source>&amp;Complaints</source>
        <translation>Ré&amp;clamations</translation>
    </message>
    <message>
        <source>&amp;New complaint…</source>
        <translation>&amp;Nouvelle réclamation…</translation>
    </message>
    <message>
        <source>Log a complaint or a request the moment it arrives</source>
        <translation>Enregistrer une réclamation ou une demande dès son arrivée</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>Nouvelle réclamation</translation>
    </message>
    <message>
        <source>Complaints &amp;queue…</source>
        <translation>&amp;File des réclamations…</translation>
    </message>
    <message>
        <source>Open complaints in triage order, their history and next phase</source>
        <translation>Les réclamations ouvertes dans l&apos;ordre de traitement, leur historique et l&apos;étape suivante</translation>
    </message>
    <message>
        <source>Complaints &amp;dashboard…</source>
        <translation>&amp;Tableau de bord des réclamations…</translation>
    </message>
    <message>
        <source>Complaint rates, loss rate, times to answer, per month and kind</source>
        <translation>Taux de réclamation, taux de perte, délais de réponse, par mois et par type</translation>
    </message>
    <message>
        <source>1 complaint overdue</source>
        <translation>1 réclamation en retard</translation>
    </message>
    <message>
        <source>%1 complaints overdue</source>
        <translation>%1 réclamations en retard</translation>
    </message>
    <message>
        <source>1 due tomorrow</source>
        <translation>1 à échéance demain</translation>
    </message>
    <message>
        <source>%1 due tomorrow</source>
        <translation>%1 à échéance demain</translation>
    </message>
    <message>
        <source>1 complaint due tomorrow</source>
        <translation>1 réclamation à échéance demain</translation>
    </message>
    <message>
        <source>%1 complaints due tomorrow</source>
        <translation>%1 réclamations à échéance demain</translation>
    </message>
    <message>
        <source>Complaint %1 saved; answer due by %2.</source>
        <translation>Réclamation %1 enregistrée&#xa0;; réponse due le %2.</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>New complaint…</source>
        <translation>Nouvelle réclamation…</translation>
    </message>
    <message>
        <source>%1 complaints, %2 open</source>
        <translation>%1 réclamations, %2 ouvertes</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Why here</source>
        <translation>Pourquoi à ce rang</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Délai</translation>
    </message>
    <message>
        <source>Acknowledgement sent</source>
        <translation>Accusé de réception envoyé</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifiée</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Traitée</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>Suivie</translation>
    </message>
    <message>
        <source>Cause analysed</source>
        <translation>Cause analysée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Attachment added</source>
        <translation>Pièce jointe ajoutée</translation>
    </message>
    <message>
        <source>Letter sent</source>
        <translation>Lettre envoyée</translation>
    </message>
    <message>
        <source>Acknowledgement letter</source>
        <translation>Accusé de réception</translation>
    </message>
    <message>
        <source>Closure letter</source>
        <translation>Lettre de clôture</translation>
    </message>
    <message>
        <source>Satisfaction survey</source>
        <translation>Enquête de satisfaction</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>due</source>
        <translation>échéance</translation>
    </message>
    <message>
        <source>justified</source>
        <translation>justifiée</translation>
    </message>
    <message>
        <source>qualification</source>
        <translation>qualification</translation>
    </message>
    <message>
        <source>handling</source>
        <translation>traitement</translation>
    </message>
    <message>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>réponse</translation>
    </message>
    <message>
        <source>compensation</source>
        <translation>compensation</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>coût</translation>
    </message>
    <message>
        <source>client re-satisfied</source>
        <translation>client de nouveau satisfait</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>cause première</translation>
    </message>
    <message>
        <source>preventive action</source>
        <translation>action préventive</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>type</translation>
    </message>
    <message>
        <source>nature</source>
        <translation>nature</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorité</translation>
    </message>
    <message>
        <source>in charge</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>lettre</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>imprimée</translation>
    </message>
    <message>
        <source>handled directly</source>
        <translation>traitée directement</translation>
    </message>
    <message>
        <source>routed to the service concerned</source>
        <translation>transmise au service concerné</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Someone else saved this client</source>
        <translation>Quelqu&apos;un d&apos;autre a enregistré ce client</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Prendre la sienne</translation>
    </message>
    <message>
        <source>&amp;Back to the sheet</source>
        <translation>Re&amp;venir à la fiche</translation>
    </message>
    <message>
        <source>&amp;Save with these choices</source>
        <translation>&amp;Enregistrer avec ces choix</translation>
    </message>
    <message>
        <source>&amp;Reload the sheet</source>
        <translation>&amp;Recharger la fiche</translation>
    </message>
    <message>
        <source>%1 saved this client on %2 at %3 (%4) since you opened it: your save was refused, nothing was written. Choose field by field which value to keep, or reload the sheet.</source>
        <translation>%1 a modifié ce client le %2 à %3 (%4) depuis que vous l&apos;avez ouvert : votre enregistrement est refusé, rien n&apos;a été écrit. Choisissez champ par champ la valeur à garder, ou rechargez la fiche.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>%1 (%2, %3 at %4)</source>
        <translation>%1 (%2, le %3 à %4)</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a &amp;server…</source>
        <translation>Se &amp;connecter à un serveur…</translation>
    </message>
    <message>
        <source>Open the client file shared by several PCs on a PostgreSQL server</source>
        <translation>Ouvrir le fichier clients partagé par plusieurs postes sur un serveur PostgreSQL</translation>
    </message>
    <message>
        <source>On a server, backups and checks are the server&apos;s: crmdesk backup, restore and check --db URL.</source>
        <translation>Sur un serveur, sauvegardes et vérifications sont celles du serveur : crmdesk backup, restore et check --db URL.</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>Se connecter à un serveur</translation>
    </message>
    <message>
        <source>The client file of several PCs, on a PostgreSQL server. Leave the password empty when it is in ~/.pgpass or in the system keyring.</source>
        <translation>Le fichier clients de plusieurs postes, sur un serveur PostgreSQL. Laissez le mot de passe vide s&apos;il est dans ~/.pgpass ou dans le trousseau du système.</translation>
    </message>
    <message>
        <source>&amp;Keep the password in the system keyring</source>
        <translation>&amp;Garder le mot de passe dans le trousseau du système</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Give the name of the database on the server.</source>
        <translation>Indiquez le nom de la base sur le serveur.</translation>
    </message>
    <message>
        <source>Cannot open the client file</source>
        <translation>Impossible d&apos;ouvrir le fichier clients</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>no contact with this number: pick one in the list</source>
        <translation>aucun contact avec ce numéro&#xa0;: choisissez-en un dans la liste</translation>
    </message>
    <message>
        <source>this contact is not a company</source>
        <translation>ce contact n&apos;est pas une entreprise</translation>
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <source>The client file « %1 » is damaged: %2.</source>
        <translation>Le fichier clients «&#xa0;%1&#xa0;» est endommagé&#xa0;: %2.</translation>
    </message>
    <message>
        <source>It has been set aside, untouched, as « %1 ».</source>
        <translation>Il a été mis de côté, intact, sous le nom «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>It was not opened, and was left untouched where it is (it could not be renamed: open in another program, or on read-only media).</source>
        <translation>Il n&apos;a pas été ouvert et reste intact à sa place (il n&apos;a pas pu être renommé&#xa0;: ouvert dans un autre programme, ou sur un support en lecture seule).</translation>
    </message>
    <message>
        <source>No good backup of it was found: open another file, or get help (the damaged file may still be repaired).</source>
        <translation>Aucune sauvegarde valide de ce fichier n&apos;a été trouvée&#xa0;: ouvrez un autre fichier, ou faites-vous aider (le fichier endommagé est peut-être encore réparable).</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>Restore its latest good backup, of %1 (%2 clients)?</source>
        <translation>Restaurer sa dernière sauvegarde valide, du %1 (nombre de clients&#xa0;: %2)&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Restore the backup</source>
        <translation>&amp;Restaurer la sauvegarde</translation>
    </message>
    <message>
        <source>&amp;Do not restore</source>
        <translation>&amp;Ne pas restaurer</translation>
    </message>
    <message>
        <source>Damaged client file</source>
        <translation>Fichier clients endommagé</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Complaints dashboard</source>
        <translation>Tableau de bord des réclamations</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>&amp;Including:</source>
        <translation>&amp;Contenant le&#xa0;:</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Complaints received:</source>
        <translation>Réclamations reçues&#xa0;:</translation>
    </message>
    <message>
        <source>Complaint rate (per order):</source>
        <translation>Taux de réclamation (par commande)&#xa0;:</translation>
    </message>
    <message>
        <source>Complaint rate (per client):</source>
        <translation>Taux de réclamation (par client)&#xa0;:</translation>
    </message>
    <message>
        <source>Cost of compensations:</source>
        <translation>Coût des compensations&#xa0;:</translation>
    </message>
    <message>
        <source>Loss rate (cost / revenue):</source>
        <translation>Taux de perte (coût / CA)&#xa0;:</translation>
    </message>
    <message>
        <source>Time to acknowledge (mean / 90 %):</source>
        <translation>Délai d&apos;accusé de réception (moyen / 90 %)&#xa0;:</translation>
    </message>
    <message>
        <source>Time to close (mean / 90 %):</source>
        <translation>Délai de clôture (moyen / 90 %)&#xa0;:</translation>
    </message>
    <message>
        <source>Closed in time:</source>
        <translation>Clôturées dans les délais&#xa0;:</translation>
    </message>
    <message>
        <source>Clients re-satisfied:</source>
        <translation>Clients de nouveau satisfaits&#xa0;:</translation>
    </message>
    <message>
        <source>Most cited product / lot:</source>
        <translation>Produit / lot le plus cité&#xa0;:</translation>
    </message>
    <message>
        <source>Complaints per month by kind</source>
        <translation>Réclamations par mois et par type</translation>
    </message>
    <message>
        <source>complaints</source>
        <translation>réclamations</translation>
    </message>
    <message>
        <source>closed in time (%)</source>
        <translation>clôturées dans les délais (%)</translation>
    </message>
    <message>
        <source>Complaints by kind over the period</source>
        <translation>Réclamations par type sur la période</translation>
    </message>
    <message>
        <source>%1: from %2 to %3</source>
        <translation>%1 : du %2 au %3</translation>
    </message>
    <message>
        <source>%1 (for %2 orders, %3 clients)</source>
        <translation>%1 (pour %2 commandes, %3 clients)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>closed in time</source>
        <translation>clôturées dans les délais</translation>
    </message>
</context>
<context>
    <name>DashboardExport</name>
    <message>
        <source>Folder for the chart images</source>
        <translation>Dossier des images des graphiques</translation>
    </message>
    <message>
        <source>Export the charts</source>
        <translation>Exporter les graphiques</translation>
    </message>
    <message>
        <source>%1 charts saved in %2</source>
        <translation>%1 graphiques enregistrés dans %2</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
</context>
<context>
    <name>DashboardPlace</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Retirer ce filtre</translation>
    </message>
    <message>
        <source>Back to the dashboard</source>
        <translation>Retour au tableau de bord</translation>
    </message>
    <message>
        <source>&amp;Client table</source>
        <translation>Tableau des &amp;clients</translation>
    </message>
    <message>
        <source>The client table, its search and its filters</source>
        <translation>Le tableau des clients, sa recherche et ses filtres</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Tableau de &amp;bord</translation>
    </message>
    <message>
        <source>Charts of the period: revenue, clients, RFM, complaints, satisfaction, retention, digital indicators</source>
        <translation>Graphiques de la période&#xa0;: chiffre d&apos;affaires, clients, RFM, réclamations, satisfaction, fidélité, indicateurs numériques</translation>
    </message>
    <message>
        <source>Dashboard filter: %1</source>
        <translation>Filtre du tableau de bord&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>E&amp;xport to PDF…</source>
        <translation>&amp;Exporter en PDF…</translation>
    </message>
    <message>
        <source>A report with the key figures and the charts: preview, print, save</source>
        <translation>Un rapport avec les chiffres clés et les graphiques&#xa0;: aperçu, impression, enregistrement</translation>
    </message>
    <message>
        <source>Export chart&amp;s (PNG)…</source>
        <translation>Exporter les &amp;graphiques (PNG)…</translation>
    </message>
    <message>
        <source>Each chart as a PNG image in a folder you choose</source>
        <translation>Chaque graphique en image PNG dans le dossier de votre choix</translation>
    </message>
    <message>
        <source>Revenue and clients</source>
        <translation>Chiffre d&apos;affaires et clients</translation>
    </message>
    <message>
        <source>RFM segments and loyalty</source>
        <translation>Segments RFM et fidélité</translation>
    </message>
    <message>
        <source>Complaints and satisfaction</source>
        <translation>Réclamations et satisfaction</translation>
    </message>
    <message>
        <source>Digital indicators</source>
        <translation>Indicateurs numériques</translation>
    </message>
    <message>
        <source>%1 is still in progress (%2): its figures are those of %3 and will change until it ends.</source>
        <translation>%1 est en cours (%2)&#xa0;: ses chiffres sont ceux du %3 et changeront jusqu&apos;à sa fin.</translation>
    </message>
</context>
<context>
    <name>DigitalDialog</name>
    <message>
        <source>missing value</source>
        <translation>valeur manquante</translation>
    </message>
    <message>
        <source>negative amount « %1 »</source>
        <translation>montant négatif « %1 »</translation>
    </message>
    <message>
        <source>Digital indicators</source>
        <translation>Indicateurs numériques</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Visiteurs</translation>
    </message>
    <message>
        <source>Product views</source>
        <translation>Pages produit vues</translation>
    </message>
    <message>
        <source>Added to cart</source>
        <translation>Mises au panier</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>this period is already on line %1</source>
        <translation>cette période est déjà à la ligne %1</translation>
    </message>
    <message>
        <source>Product-view rate</source>
        <translation>Taux de vue produit</translation>
    </message>
    <message>
        <source>Transformation</source>
        <translation>Transformation</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Lost carts</source>
        <translation>Paniers perdus</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Abandon</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>Visitors y/y</source>
        <translation>Visiteurs sur un an</translation>
    </message>
    <message>
        <source>Basket y/y</source>
        <translation>Panier sur un an</translation>
    </message>
    <message>
        <source>Revenue y/y</source>
        <translation>CA sur un an</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J&apos;aime</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Shares</source>
        <translation>Partages</translation>
    </message>
    <message>
        <source>Reach objective</source>
        <translation>Objectif de portée</translation>
    </message>
    <message>
        <source>Likes objective</source>
        <translation>Objectif de j&apos;aime</translation>
    </message>
    <message>
        <source>this period and network are already on line %1</source>
        <translation>cette période et ce réseau sont déjà à la ligne %1</translation>
    </message>
    <message>
        <source>Engaged</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>Engagement rate</source>
        <translation>Taux d&apos;engagement</translation>
    </message>
    <message>
        <source>Reach vs objective</source>
        <translation>Portée / objectif</translation>
    </message>
    <message>
        <source>Likes vs objective</source>
        <translation>J&apos;aime / objectif</translation>
    </message>
    <message>
        <source>One row per period: 2019 (year), 2026-03 (month) or 2026-T1 (quarter). Evolutions compare a period with the same period one year earlier.</source>
        <translation>Une ligne par période&#xa0;: 2019 (année), 2026-03 (mois) ou 2026-T1 (trimestre). Les évolutions comparent une période à la même période un an plus tôt.</translation>
    </message>
    <message>
        <source>&amp;Web shop</source>
        <translation>Boutique &amp;en ligne</translation>
    </message>
    <message>
        <source>&amp;Social networks</source>
        <translation>&amp;Réseaux sociaux</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the cells framed in red.</source>
        <translation>Rien n&apos;a été enregistré&#xa0;: corrigez les cellules encadrées en rouge.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Rien n&apos;a été enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>DistributionDialog</name>
    <message>
        <source>Distribution by status</source>
        <translation>Répartition par statut</translation>
    </message>
    <message>
        <source>&amp;Reference date:</source>
        <translation>&amp;Date de référence&#xa0;:</translation>
    </message>
    <message>
        <source>Orders from %1 to %2</source>
        <translation>Commandes du %1 au %2</translation>
    </message>
    <message>
        <source>%1 clients with a status, %2; outside the grid: %3 clients.</source>
        <translation>%1 clients avec un statut, %2 ; hors grille : %3 clients.</translation>
    </message>
    <message>
        <source>Share in volume</source>
        <translation>Part en volume</translation>
    </message>
    <message>
        <source>Share in value</source>
        <translation>Part en valeur</translation>
    </message>
</context>
<context>
    <name>DistributionModel</name>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>Share in volume</source>
        <translation>Part en volume</translation>
    </message>
    <message>
        <source>Share in value</source>
        <translation>Part en valeur</translation>
    </message>
    <message>
        <source>Clients with orders that meet no status of the grid: not in the shares.</source>
        <translation>Clients avec des commandes qui n&apos;entrent dans aucun statut de la grille : hors des parts.</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <source>Possible duplicate</source>
        <translation>Doublon probable</translation>
    </message>
    <message>
        <source>This client may already be in the file:&lt;br&gt;&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Ce client est peut-être déjà dans le fichier&#xa0;:&lt;br&gt;&lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>« Merge » opens the existing client instead, with what you typed in its empty fields; « Keep both » creates the new client; « Cancel » goes back to the form.</source>
        <translation>«&#xa0;Fusionner&#xa0;» ouvre la fiche existante à la place, avec votre saisie dans ses champs vides&#xa0;; «&#xa0;Garder les deux&#xa0;» crée le nouveau client&#xa0;; «&#xa0;Annuler&#xa0;» revient au formulaire.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Garder les deux</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source>Existing client opened instead: its empty fields hold what you typed; check them, then save.</source>
        <translation>Fiche existante ouverte à la place&#xa0;: ses champs vides reprennent votre saisie&#xa0;; vérifiez-les, puis enregistrez.</translation>
    </message>
</context>
<context>
    <name>DuplicatesMenu</name>
    <message>
        <source>Find dup&amp;licates…</source>
        <translation>Rechercher les &amp;doublons…</translation>
    </message>
    <message>
        <source>Clients typed or imported twice: compare, merge or keep both</source>
        <translation>Clients saisis ou importés deux fois&#xa0;: comparer, fusionner ou garder les deux</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>Fusionner %1 dans %2</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>Clients merged (Ctrl+Z to undo).</source>
        <translation>Clients fusionnés (Ctrl+Z pour annuler).</translation>
    </message>
</context>
<context>
    <name>EmailDialog</name>
    <message>
        <source>Folder of the e-mails</source>
        <translation>Dossier des e-mails</translation>
    </message>
    <message>
        <source>Write an e-&amp;mail…</source>
        <translation>Écrire un e-&amp;mail…</translation>
    </message>
    <message>
        <source>An e-mail from a template to this client (if they consented)</source>
        <translation>Un e-mail à partir d&apos;un modèle à ce client (s&apos;il y a consenti)</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>client %1</translation>
    </message>
    <message>
        <source>This client: %1</source>
        <translation>Ce client&#xa0;: %1</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Sending… %1 / %2</source>
        <translation>Envoi… %1 / %2</translation>
    </message>
    <message>
        <source>Writing… %1 / %2</source>
        <translation>Écriture… %1 / %2</translation>
    </message>
    <message>
        <source>The %1 recipients left of mailing no. %2</source>
        <translation>Les %1 destinataires restants de l&apos;envoi n°&#xa0;%2</translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Write one .&amp;eml file per recipient in a folder (your mail program opens them)</source>
        <translation>Écrire un fichier .&amp;eml par destinataire dans un dossier (votre messagerie les ouvre)</translation>
    </message>
    <message>
        <source>Open my mail pro&amp;gram with the message ready (one recipient)</source>
        <translation>Ouvrir ma messa&amp;gerie avec le message prêt (un seul destinataire)</translation>
    </message>
    <message>
        <source>Send through my e-mail &amp;account:</source>
        <translation>Envoyer par mon compte e-m&amp;ail&#xa0;:</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>Aucun dossier choisi</translation>
    </message>
    <message>
        <source>Fol&amp;der…</source>
        <translation>&amp;Dossier…</translation>
    </message>
    <message>
        <source>Account sett&amp;ings…</source>
        <translation>Rég&amp;lages du compte…</translation>
    </message>
    <message>
        <source>Re&amp;port…</source>
        <translation>Com&amp;pte rendu…</translation>
    </message>
    <message>
        <source>&amp;Write the e-mails</source>
        <translation>Écrire les e-ma&amp;ils</translation>
    </message>
    <message>
        <source>&amp;Open in my mail program</source>
        <translation>&amp;Ouvrir dans ma messagerie</translation>
    </message>
    <message>
        <source>Se&amp;nd the e-mails</source>
        <translation>E&amp;nvoyer les e-mails</translation>
    </message>
    <message>
        <source>Recipient %1 / %2</source>
        <translation>Destinataire %1 / %2</translation>
    </message>
    <message>
        <source>No recipient</source>
        <translation>Aucun destinataire</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Choisissez un modèle.</translation>
    </message>
    <message>
        <source>Empty for this recipient (left blank in the e-mail): %1</source>
        <translation>Vides pour ce destinataire (laissés en blanc dans l&apos;e-mail)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Every field is filled for this recipient.</source>
        <translation>Tous les champs sont remplis pour ce destinataire.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#xa0;:</translation>
    </message>
    <message>
        <source>(no sender address: set the account or the business&apos;s e-mail)</source>
        <translation>(pas d&apos;adresse d&apos;expéditeur&#xa0;: réglez le compte ou l&apos;e-mail de l&apos;entreprise)</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>No sender address: fill in the e-mail account (Account settings…) or the business&apos;s e-mail (File › Business identity…).</source>
        <translation>Pas d&apos;adresse d&apos;expéditeur&#xa0;: remplissez le compte e-mail (Réglages du compte…) ou l&apos;e-mail de l&apos;entreprise (Fichier › Identité de l&apos;entreprise…).</translation>
    </message>
    <message>
        <source>Stopped: %1 done, %2 refused, %3 left.</source>
        <translation>Interrompu&#xa0;: %1 faits, %2 refusés, %3 restants.</translation>
    </message>
    <message>
        <source>The rest can be sent later: Mailing › Mailing history… › Resume sending…</source>
        <translation>Le reste pourra partir plus tard&#xa0;: Courrier › Historique des envois… › Reprendre l&apos;envoi…</translation>
    </message>
    <message>
        <source>Files in %1.</source>
        <translation>Fichiers dans %1.</translation>
    </message>
    <message>
        <source>No mail program answered: choose the .eml files instead.</source>
        <translation>Aucune messagerie n&apos;a répondu&#xa0;: choisissez plutôt les fichiers .eml.</translation>
    </message>
    <message>
        <source>The message is open in your mail program: send it from there.</source>
        <translation>Le message est ouvert dans votre messagerie&#xa0;: envoyez-le depuis celle-ci.</translation>
    </message>
    <message>
        <source>Resume &amp;sending…</source>
        <translation>&amp;Reprendre l&apos;envoi…</translation>
    </message>
    <message>
        <source>Written or sent</source>
        <translation>Écrit ou envoyé</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Left to send</source>
        <translation>À envoyer</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation>Réponse du serveur</translation>
    </message>
    <message>
        <source>Report of mailing no. %1</source>
        <translation>Compte rendu de l&apos;envoi n°&#xa0;%1</translation>
    </message>
    <message>
        <source>%1 written or sent, %2 refused, %3 left to send.</source>
        <translation>%1 écrits ou envoyés, %2 refusés, %3 à envoyer.</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>&amp;Figures per period (F2 or typing edits a cell):</source>
        <translation>&amp;Chiffres par période (F2 ou la frappe modifie une cellule)&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Add row</source>
        <translation>&amp;Ajouter une ligne</translation>
    </message>
    <message>
        <source>&amp;Delete row</source>
        <translation>&amp;Supprimer la ligne</translation>
    </message>
    <message>
        <source>Computed &amp;indicators:</source>
        <translation>&amp;Indicateurs calculés&#xa0;:</translation>
    </message>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>Ligne %1, %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>(and %1 more)</source>
        <translation>(et %1 de plus)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV pour Excel (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard (*.vcf)</source>
        <translation>vCard (*.vcf)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Writing %1… %2 / %3</source>
        <translation>Écriture de %1… %2 / %3</translation>
    </message>
    <message>
        <source>Export stopped: no file was written.</source>
        <translation>Export arrêté&#xa0;: aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format&#xa0;:</translation>
    </message>
    <message>
        <source>Export clients</source>
        <translation>Exporter des clients</translation>
    </message>
    <message>
        <source>Clients to export</source>
        <translation>Clients à exporter</translation>
    </message>
    <message>
        <source>The &amp;selection (%1)</source>
        <translation>La &amp;sélection (%1)</translation>
    </message>
    <message>
        <source>Every client s&amp;hown by the search and filters (%1)</source>
        <translation>Tous les clients a&amp;ffichés par la recherche et les filtres (%1)</translation>
    </message>
    <message>
        <source>The clients of a s&amp;tatus:</source>
        <translation>Les clients d&apos;un s&amp;tatut&#xa0;:</translation>
    </message>
    <message>
        <source>The clients of an &amp;RFM segment:</source>
        <translation>Les clients d&apos;un segment &amp;RFM&#xa0;:</translation>
    </message>
    <message>
        <source>CSV for Excel or LibreOffice (.csv)</source>
        <translation>CSV pour Excel ou LibreOffice (.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Classeur Excel (.xlsx)</translation>
    </message>
    <message>
        <source>vCard 3.0 for address books: Outlook, Apple, Android (.vcf)</source>
        <translation>vCard 3.0 pour carnets d&apos;adresses&#xa0;: Outlook, Apple, Android (.vcf)</translation>
    </message>
    <message>
        <source>vCard 4.0 (.vcf)</source>
        <translation>vCard 4.0 (.vcf)</translation>
    </message>
    <message>
        <source>%1 exported to %2.</source>
        <translation>Export terminé&#xa0;: %1 dans %2.</translation>
    </message>
    <message>
        <source>Mailing list</source>
        <translation>Liste de diffusion</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Canal&#xa0;:</translation>
    </message>
    <message>
        <source>List written</source>
        <translation>Liste écrite</translation>
    </message>
    <message>
        <source>Contacts with an email address who consented to email.</source>
        <translation>Les contacts qui ont une adresse e-mail et ont accepté l&apos;e-mail.</translation>
    </message>
    <message>
        <source>Contacts with a mobile number who consented to text messages.</source>
        <translation>Les contacts qui ont un numéro de portable et ont accepté les SMS.</translation>
    </message>
    <message>
        <source>Contacts with a phone number who consented to phone calls.</source>
        <translation>Les contacts qui ont un numéro de téléphone et ont accepté les appels.</translation>
    </message>
    <message>
        <source>Contacts with a postal address: postal prospecting needs no consent.</source>
        <translation>Les contacts qui ont une adresse postale&#xa0;: la prospection par courrier ne demande pas de consentement.</translation>
    </message>
    <message>
        <source>Contacts in opposition, or whose email or phone number is on the suppression list, are always left out.</source>
        <translation>Les contacts en opposition, ou dont l&apos;e-mail ou le numéro est sur la liste d&apos;opposition, sont toujours écartés.</translation>
    </message>
    <message>
        <source>%1 written to %2.</source>
        <translation>Liste écrite&#xa0;: %1 dans %2.</translation>
    </message>
    <message>
        <source>%1 left out:</source>
        <translation>Écartés (%1)&#xa0;:</translation>
    </message>
    <message>
        <source>Nobody was left out.</source>
        <translation>Personne n&apos;a été écarté.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>no client</source>
        <translation>aucun client</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clients</translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 contact</translation>
    </message>
    <message>
        <source>no contact</source>
        <translation>aucun contact</translation>
    </message>
    <message>
        <source>%1 contacts</source>
        <translation>%1 contacts</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Text message (SMS)</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>%1 in opposition</source>
        <translation>%1 en opposition</translation>
    </message>
    <message>
        <source>%1 on the suppression list</source>
        <translation>%1 sur la liste d&apos;opposition</translation>
    </message>
    <message>
        <source>%1 without an email address</source>
        <translation>%1 sans adresse e-mail</translation>
    </message>
    <message>
        <source>%1 without a mobile number</source>
        <translation>%1 sans numéro de portable</translation>
    </message>
    <message>
        <source>%1 without a phone number</source>
        <translation>%1 sans numéro de téléphone</translation>
    </message>
    <message>
        <source>%1 without a postal address</source>
        <translation>%1 sans adresse postale</translation>
    </message>
    <message>
        <source>%1 without email consent</source>
        <translation>%1 sans consentement e-mail</translation>
    </message>
    <message>
        <source>%1 without text message consent</source>
        <translation>%1 sans consentement SMS</translation>
    </message>
    <message>
        <source>%1 without phone consent</source>
        <translation>%1 sans consentement téléphone</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>The selection, the clients shown, a status or an RFM segment as CSV, Excel or vCard</source>
        <translation>La sélection, les clients affichés, un statut ou un segment RFM en CSV, Excel ou vCard</translation>
    </message>
    <message>
        <source>&amp;Mailing list…</source>
        <translation>&amp;Liste de diffusion…</translation>
    </message>
    <message>
        <source>Who may be written to by email, text message, phone or post, honouring consent and opposition</source>
        <translation>À qui écrire par e-mail, SMS, téléphone ou courrier, dans le respect des consentements et des oppositions</translation>
    </message>
</context>
<context>
    <name>FiguresRefresh</name>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop updating the figures (they will be updated the next time the file opens)</source>
        <translation>Arrêter la mise à jour des chiffres (elle reprendra à la prochaine ouverture du fichier)</translation>
    </message>
    <message>
        <source>Figures as of %1</source>
        <translation>Chiffres au %1</translation>
    </message>
    <message>
        <source>Updating the figures to %1…</source>
        <translation>Mise à jour des chiffres au %1…</translation>
    </message>
    <message>
        <source>The figures could not be updated: %1</source>
        <translation>Les chiffres n&apos;ont pas pu être mis à jour : %1</translation>
    </message>
</context>
<context>
    <name>FileCheckDialog</name>
    <message>
        <source>Chec&amp;k the file…</source>
        <translation>&amp;Vérifier le fichier…</translation>
    </message>
    <message>
        <source>Check the client file for damage and unreadable text, and repair the text</source>
        <translation>Chercher dans le fichier clients les dommages et les textes illisibles, et réparer ces textes</translation>
    </message>
    <message>
        <source>Check « %1 »</source>
        <translation>Vérifier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&amp;Repair the unreadable texts</source>
        <translation>&amp;Réparer les textes illisibles</translation>
    </message>
    <message>
        <source>Each unreadable byte becomes « � », as shown, in one go, after a backup; then correct these values by hand</source>
        <translation>Chaque octet illisible devient «&#xa0;�&#xa0;», comme affiché, en une fois, après une sauvegarde&#xa0;; corrigez ensuite ces valeurs à la main</translation>
    </message>
    <message>
        <source>Checking every page of the file…</source>
        <translation>Vérification de chaque page du fichier…</translation>
    </message>
    <message>
        <source>%1 unreadable texts rewritten (a backup was made before).</source>
        <translation>Textes illisibles réécrits{NB}: %1 (une sauvegarde a été faite avant).</translation>
    </message>
</context>
<context>
    <name>FileState</name>
    <message>
        <source>Read-only: « %1 » is on read-only media, or its folder cannot be written. You can read, search, print and export it; changes are disabled.</source>
        <translation>Lecture seule&#xa0;: «&#xa0;%1&#xa0;» est sur un support en lecture seule, ou son dossier ne peut pas être modifié. Vous pouvez le consulter, y chercher, l&apos;imprimer et l&apos;exporter&#xa0;; les modifications sont désactivées.</translation>
    </message>
    <message>
        <source>%1 (read-only) — crmdesk</source>
        <translation>%1 (lecture seule) — crmdesk</translation>
    </message>
    <message>
        <source>Checking « %1 »: every page of this big file is being read. Changes will be possible in a moment.</source>
        <translation>Vérification de «&#xa0;%1&#xa0;»&#xa0;: chaque page de ce gros fichier est lue. Les modifications seront possibles dans un instant.</translation>
    </message>
    <message>
        <source>File checked: changes are possible.</source>
        <translation>Fichier vérifié&#xa0;: les modifications sont possibles.</translation>
    </message>
    <message>
        <source>« %1 » could not be checked (%2): it stays read-only. Open it again to retry.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être vérifié (%2)&#xa0;: il reste en lecture seule. Ouvrez-le de nouveau pour réessayer.</translation>
    </message>
</context>
<context>
    <name>FindDuplicatesDialog</name>
    <message>
        <source>Find duplicates</source>
        <translation>Rechercher les doublons</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionner…</translation>
    </message>
    <message>
        <source>Compare the two clients field by field, then merge them</source>
        <translation>Comparer les deux fiches champ par champ, puis les fusionner</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Garder les deux</translation>
    </message>
    <message>
        <source>They are two different clients: never propose this pair again</source>
        <translation>Ce sont deux clients différents&#xa0;: ne plus jamais proposer cette paire</translation>
    </message>
    <message>
        <source>&amp;Ignore</source>
        <translation>&amp;Ignorer</translation>
    </message>
    <message>
        <source>Take the pair off this list (proposed again at the next search)</source>
        <translation>Retirer la paire de cette liste (elle sera proposée à la prochaine recherche)</translation>
    </message>
    <message>
        <source>&amp;Search again</source>
        <translation>&amp;Rechercher de nouveau</translation>
    </message>
    <message>
        <source>Search the whole file again</source>
        <translation>Chercher de nouveau dans tout le fichier</translation>
    </message>
    <message>
        <source>Searching the whole file for clients typed twice…</source>
        <translation>Recherche des clients saisis deux fois dans tout le fichier…</translation>
    </message>
    <message>
        <source>No possible duplicates left.</source>
        <translation>Plus aucun doublon probable.</translation>
    </message>
    <message>
        <source>1 possible duplicate pair</source>
        <translation>1 paire de doublons probables</translation>
    </message>
    <message>
        <source>%1 possible duplicate pairs</source>
        <translation>%1 paires de doublons probables</translation>
    </message>
    <message>
        <source>%1, surest first. Select one, then « Merge… », « Keep both » or « Ignore ».</source>
        <translation>%1, les plus sûres d&apos;abord. Choisissez-en une, puis «&#xa0;Fusionner…&#xa0;», «&#xa0;Garder les deux&#xa0;» ou «&#xa0;Ignorer&#xa0;».</translation>
    </message>
</context>
<context>
    <name>GdprMenu</name>
    <message>
        <source>G&amp;DPR</source>
        <translation>RG&amp;PD</translation>
    </message>
    <message>
        <source>Data to &amp;purge…</source>
        <translation>Données à &amp;purger…</translation>
    </message>
    <message>
        <source>Contacts whose retention period is over, to anonymise</source>
        <translation>Les contacts dont la durée de conservation est écoulée, à anonymiser</translation>
    </message>
    <message>
        <source>&amp;Rights requests…</source>
        <translation>&amp;Demandes de droits…</translation>
    </message>
    <message>
        <source>Access, rectification, erasure and opposition requests, due within a month</source>
        <translation>Les demandes d&apos;accès, de rectification, d&apos;effacement et d&apos;opposition, à traiter sous un mois</translation>
    </message>
    <message>
        <source>&amp;Change log…</source>
        <translation>&amp;Journal des modifications…</translation>
    </message>
    <message>
        <source>Who changed what, when, by which action</source>
        <translation>Qui a modifié quoi, quand, et par quelle action</translation>
    </message>
    <message>
        <source>&amp;Export the client&apos;s data…</source>
        <translation>&amp;Exporter les données du client…</translation>
    </message>
    <message>
        <source>Everything the file holds about the current client, as PDF and JSON</source>
        <translation>Tout ce que le fichier contient sur le client en cours, en PDF et en JSON</translation>
    </message>
    <message>
        <source>&amp;Anonymise the client…</source>
        <translation>&amp;Anonymiser le client…</translation>
    </message>
    <message>
        <source>Erase the current client&apos;s personal data, keeping their orders for the statistics</source>
        <translation>Effacer les données personnelles du client en cours, en gardant ses commandes pour les statistiques</translation>
    </message>
    <message>
        <source>Export the client&apos;s data</source>
        <translation>Exporter les données du client</translation>
    </message>
    <message>
        <source>Data written to %1 and %2.</source>
        <translation>Données enregistrées dans %1 et %2.</translation>
    </message>
    <message>
        <source>Anonymise the client</source>
        <translation>Anonymiser le client</translation>
    </message>
    <message>
        <source>Anonymise client %1? Their name, contact details, notes and history are erased for good; their orders are kept without their name. A backup taken before keeps them until the backups are thinned out (about five weeks at most). This cannot be undone.</source>
        <translation>Anonymiser le client %1&#xa0;? Son nom, ses coordonnées, ses notes et son historique seront effacés définitivement&#xa0;; ses commandes sont conservées sans son nom. La sauvegarde faite juste avant les conserve jusqu&apos;au tri des anciennes sauvegardes (environ cinq semaines au plus). Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Client %1 is anonymised, but another program was reading the file: traces of the erased data may remain in it until the next cleaning (crmdesk gdpr clean).</source>
        <translation>Le client %1 est anonymisé, mais un autre programme lisait le fichier&#xa0;: des traces des données effacées peuvent y subsister jusqu&apos;au prochain nettoyage (crmdesk gdpr clean).</translation>
    </message>
    <message>
        <source>Client %1 anonymised.</source>
        <translation>Client %1 anonymisé.</translation>
    </message>
    <message>
        <source>Client %1 is anonymised in the client file. Copies of their data may remain elsewhere:</source>
        <translation>Le client %1 est anonymisé dans le fichier clients. Des copies de ses données peuvent rester ailleurs&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>Import &amp;history…</source>
        <translation>&amp;Historique des imports…</translation>
    </message>
    <message>
        <source>The imports made into this file, and undoing one of them</source>
        <translation>Les imports faits dans ce fichier, et l&apos;annulation de l&apos;un d&apos;eux</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>Réponses d&apos;enquête</translation>
    </message>
    <message>
        <source>Web shop figures</source>
        <translation>Chiffres du site web</translation>
    </message>
    <message>
        <source>Social network figures</source>
        <translation>Chiffres des réseaux sociaux</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>Historique des imports</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importées</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>&amp;Annuler cet import…</translation>
    </message>
    <message>
        <source>Yes, %1</source>
        <translation>Oui, le %1</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>No import has been made into this file.</source>
        <translation>Aucun import n&apos;a été fait dans ce fichier.</translation>
    </message>
    <message>
        <source>Each import can be undone in one action: what it created is deleted, the fields it changed get their former values back. Nothing added since is lost.</source>
        <translation>Chaque import peut être annulé en une seule action&#xa0;: ce qu&apos;il a créé est supprimé, les champs qu&apos;il a modifiés reprennent leur valeur d&apos;avant. Rien de ce qui a été ajouté depuis n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Undo an import</source>
        <translation>Annuler un import</translation>
    </message>
    <message>
        <source>Undo import no. %1 (%2, « %3 », %4)?</source>
        <translation>Annuler l&apos;import n° %1 (%2, «&#xa0;%3&#xa0;», %4)&#xa0;?</translation>
    </message>
    <message>
        <source>What it created (clients, orders, survey answers, tags…) will be deleted and the fields it changed will get their former values back, except those changed since. This cannot be undone with Ctrl+Z.</source>
        <translation>Ce qu&apos;il a créé (clients, commandes, réponses d&apos;enquête, étiquettes…) sera supprimé et les champs qu&apos;il a modifiés reprendront leur valeur d&apos;avant, sauf ceux modifiés depuis. Cette action ne s&apos;annule pas par Ctrl+Z.</translation>
    </message>
    <message>
        <source>Undo the rest of the import anyway, keeping these?</source>
        <translation>Annuler quand même le reste de l&apos;import, en gardant ces données&#xa0;?</translation>
    </message>
</context>
<context>
    <name>ImportReview</name>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>N° de commande</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier importé</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>Ressemble à</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Merge into this client</source>
        <translation>Fusionner dans ce client</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <source>Skip the line</source>
        <translation>Ignorer la ligne</translation>
    </message>
    <message>
        <source>line %1 — %2</source>
        <translation>ligne %1 — %2</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>Réponses aux enquêtes</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.xlsx *.ods);;All files (*)</source>
        <translation>Tableaux (*.csv *.txt *.xlsx *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save the column mapping</source>
        <translation>Enregistrer la correspondance des colonnes</translation>
    </message>
    <message>
        <source>Column mappings (*.json)</source>
        <translation>Correspondances de colonnes (*.json)</translation>
    </message>
    <message>
        <source>Load a column mapping</source>
        <translation>Charger une correspondance de colonnes</translation>
    </message>
    <message>
        <source>Export the rejected lines</source>
        <translation>Exporter les lignes refusées</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 lines read…</source>
        <translation>%1 lignes lues…</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignorée)</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Premières valeurs</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>non reconnue</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>What to import, and from which file (CSV, Excel .xlsx or OpenDocument .ods).</source>
        <translation>Quoi importer, et depuis quel fichier (CSV, Excel .xlsx ou OpenDocument .ods).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Feuille&#xa0;:</translation>
    </message>
    <message>
        <source>Update the clients already in the file (same client number)</source>
        <translation>Mettre à jour les clients déjà présents (même N° client)</translation>
    </message>
    <message>
        <source>Look for probable duplicates (clients already in the file, lines repeated in it)</source>
        <translation>Rechercher les doublons probables (clients déjà dans le fichier, lignes répétées dans l&apos;import)</translation>
    </message>
    <message>
        <source>Import:</source>
        <translation>Importer&#xa0;:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Which field each column of the file fills. Double-click a field to change it.</source>
        <translation>Le champ que remplit chaque colonne du fichier. Double-cliquez sur un champ pour le changer.</translation>
    </message>
    <message>
        <source>Save the mapping…</source>
        <translation>Enregistrer la correspondance…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Cannot save « %1 »: %2</source>
        <translation>Impossible d&apos;enregistrer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>A trial import on a copy of the client file: nothing is written yet.</source>
        <translation>Un essai d&apos;import sur une copie du fichier clients&#xa0;: rien n&apos;est encore enregistré.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Export the report…</source>
        <translation>Exporter le rapport…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>These lines look like a client already in the file, or another line of it. For each one: merge it into that client (the file only fills the fields the client leaves empty), keep both, or skip the line.</source>
        <translation>Ces lignes ressemblent à un client déjà dans le fichier, ou à une autre ligne de l&apos;import. Pour chacune&#xa0;: fusionnez-la dans ce client (l&apos;import ne remplit que les champs vides du client), gardez les deux, ou ignorez la ligne.</translation>
    </message>
    <message>
        <source>Merge all</source>
        <translation>Tout fusionner</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>Tout garder</translation>
    </message>
    <message>
        <source>Skip all</source>
        <translation>Tout ignorer</translation>
    </message>
    <message>
        <source>Preview (first %1 rows)</source>
        <translation>Aperçu (%1 premières lignes)</translation>
    </message>
    <message>
        <source>Probable duplicates (%1)</source>
        <translation>Doublons probables (%1)</translation>
    </message>
    <message>
        <source>Rejected lines (%1)</source>
        <translation>Lignes refusées (%1)</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Avertissements (%1)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Vérification du fichier…</translation>
    </message>
    <message>
        <source>%1 lines read</source>
        <translation>%1 lignes lues</translation>
    </message>
    <message>
        <source>%1 to import</source>
        <translation>%1 à importer</translation>
    </message>
    <message>
        <source>%1 to update</source>
        <translation>%1 à mettre à jour</translation>
    </message>
    <message>
        <source>%1 probable duplicates</source>
        <translation>%1 doublons probables</translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation>%1 refusées</translation>
    </message>
    <message>
        <source>… and %1 more rejected lines (all of them in the exported report).</source>
        <translation>… et %1 autres lignes refusées (toutes dans le rapport exporté).</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>Vérification annulée.</translation>
    </message>
    <message>
        <source>The report must be a new file, neither the imported file nor the client file.</source>
        <translation>Le rapport doit être un nouveau fichier, ni le fichier importé ni le fichier clients.</translation>
    </message>
    <message>
        <source>Cannot write « %1 »: %2</source>
        <translation>Impossible d&apos;écrire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Report written to « %1 ».</source>
        <translation>Rapport enregistré dans «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>client imported</source>
        <translation>client importé</translation>
    </message>
    <message>
        <source>clients imported</source>
        <translation>clients importés</translation>
    </message>
    <message>
        <source>order imported</source>
        <translation>commande importée</translation>
    </message>
    <message>
        <source>orders imported</source>
        <translation>commandes importées</translation>
    </message>
    <message>
        <source>answer imported</source>
        <translation>réponse importée</translation>
    </message>
    <message>
        <source>answers imported</source>
        <translation>réponses importées</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The import into the client file.</source>
        <translation>L&apos;import dans le fichier clients.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>Import not started: the client file could not be backed up first.</source>
        <translation>Import non lancé&#xa0;: le fichier clients n&apos;a pas pu être sauvegardé au préalable.</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>%1 mis à jour</translation>
    </message>
    <message>
        <source>%1 merged into existing clients</source>
        <translation>%1 fusionnés avec des clients existants</translation>
    </message>
    <message>
        <source>%1 duplicates skipped</source>
        <translation>%1 doublons ignorés</translation>
    </message>
    <message>
        <source>%1 lines imported with a change (see the check page&apos;s Warnings tab)</source>
        <translation>%1 lignes importées avec une modification (voir l&apos;onglet Avertissements de la vérification)</translation>
    </message>
    <message>
        <source>batch no. %1: can be undone from File › Import history</source>
        <translation>lot n° %1&#xa0;: annulable depuis Fichier › Historique des imports</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import annulé&#xa0;: rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Importer des données</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>I&amp;mporter…</translation>
    </message>
    <message>
        <source>Import clients, orders or survey answers from a CSV, Excel or OpenDocument file</source>
        <translation>Importer des clients, des commandes ou des réponses aux enquêtes depuis un fichier CSV, Excel ou OpenDocument</translation>
    </message>
</context>
<context>
    <name>InteractionDialog</name>
    <message>
        <source>New exchange</source>
        <translation>Nouvel échange</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Échange</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>jj/mm/aaaa hh:mm</translation>
    </message>
    <message>
        <source>&amp;CROC template</source>
        <translation>Modèle C&amp;ROC</translation>
    </message>
    <message>
        <source>Notes of a phone call: Contact, Reason, Objective, Conclusion</source>
        <translation>Notes d&apos;un appel&#xa0;: Contact, Raison, Objectif, Conclusion</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>&amp;Date et heure&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal&#xa0;:</translation>
    </message>
    <message>
        <source>D&amp;irection:</source>
        <translation>&amp;Sens&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Rep:</source>
        <translation>Co&amp;mmercial&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Interactions</name>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>Visioconférence</translation>
    </message>
    <message>
        <source>Social network</source>
        <translation>Réseau social</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Comptoir</translation>
    </message>
    <message>
        <source>Outgoing (we reached the client)</source>
        <translation>Sortant (nous avons contacté le client)</translation>
    </message>
    <message>
        <source>Incoming (the client reached us)</source>
        <translation>Entrant (le client nous a contactés)</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Échange</translation>
    </message>
    <message>
        <source>Meeting (follow-up reminder)</source>
        <translation>Rendez-vous (relance de suivi)</translation>
    </message>
    <message>
        <source>Quote sent (follow-up reminder)</source>
        <translation>Devis envoyé (relance de suivi)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Former client</source>
        <translation>Ancien client</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Particulier</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Social network</source>
        <translation>Réseau social</translation>
    </message>
    <message>
        <source>Trade fair / event</source>
        <translation>Salon / événement</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Home party</source>
        <translation>Réunion à domicile</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Parrainage</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Trade fair</source>
        <translation>Salon / foire</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Ouverture</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Avery %1 — %2 labels of %3 × %4 mm</source>
        <translation>Avery %1 — %2 étiquettes de %3 × %4 mm</translation>
    </message>
    <message>
        <source>DL envelopes (220 × 110 mm)</source>
        <translation>Enveloppes DL (220 × 110 mm)</translation>
    </message>
    <message>
        <source>C5 envelopes (229 × 162 mm)</source>
        <translation>Enveloppes C5 (229 × 162 mm)</translation>
    </message>
    <message>
        <source>Click the first free label of the sheet</source>
        <translation>Cliquez sur la première étiquette libre de la planche</translation>
    </message>
    <message>
        <source>Address labels and envelopes</source>
        <translation>Étiquettes et enveloppes</translation>
    </message>
    <message>
        <source>&amp;Prepare…</source>
        <translation>&amp;Préparer…</translation>
    </message>
    <message>
        <source>&amp;Sheet or envelope:</source>
        <translation>Pla&amp;nche ou enveloppe&#xa0;:</translation>
    </message>
    <message>
        <source>Start at &amp;label:</source>
        <translation>Commencer à l&apos;&amp;étiquette&#xa0;:</translation>
    </message>
    <message>
        <source>Test &amp;grid…</source>
        <translation>&amp;Grille d&apos;essai…</translation>
    </message>
    <message>
        <source>The sheet&apos;s outline to print on plain paper and hold against a sheet of labels: check the printer&apos;s alignment first</source>
        <translation>Le dessin de la planche, à imprimer sur du papier ordinaire et à poser sur une planche d&apos;étiquettes&#xa0;: vérifiez d&apos;abord l&apos;alignement de l&apos;imprimante</translation>
    </message>
    <message>
        <source>Addresses follow the French standard NF Z10-011: 6 lines of 38 characters at most, “POSTAL CODE TOWN” in capitals on the last line.</source>
        <translation>Les adresses suivent la norme NF Z10-011&#xa0;: 6 lignes de 38 caractères au plus, « CODE POSTAL COMMUNE » en capitales sur la dernière ligne.</translation>
    </message>
    <message>
        <source>Test grid %1</source>
        <translation>Grille d&apos;essai %1</translation>
    </message>
    <message>
        <source>%1 envelopes %2</source>
        <translation>%1 enveloppes %2</translation>
    </message>
    <message>
        <source>%1 labels %2 (%3 sheets)</source>
        <translation>%1 étiquettes %2 (%3 planches)</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Usable until</source>
        <translation>Utilisables jusqu&apos;au</translation>
    </message>
</context>
<context>
    <name>LettersDialog</name>
    <message>
        <source>Letters</source>
        <translation>Lettres</translation>
    </message>
    <message>
        <source>&amp;Prepare the letters…</source>
        <translation>&amp;Préparer les lettres…</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>Recipient %1 / %2</source>
        <translation>Destinataire %1 / %2</translation>
    </message>
    <message>
        <source>No recipient</source>
        <translation>Aucun destinataire</translation>
    </message>
    <message>
        <source>Empty for this recipient (left blank in the letter): %1</source>
        <translation>Vide pour ce destinataire (laissé en blanc dans la lettre)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Every field is filled for this recipient.</source>
        <translation>Tous les champs sont remplis pour ce destinataire.</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Choisissez un modèle.</translation>
    </message>
    <message>
        <source>Letters “%1” (%2)</source>
        <translation>Lettres « %1 » (%2)</translation>
    </message>
    <message>
        <source>%1 letters</source>
        <translation>%1 lettres</translation>
    </message>
    <message>
        <source>%1 letters prepared: printing or saving them records them on the clients&apos; history.</source>
        <translation>%1 lettres préparées&#xa0;: les imprimer ou les enregistrer en PDF les inscrit dans l&apos;historique des clients.</translation>
    </message>
</context>
<context>
    <name>LineEditModel</name>
    <message>
        <source>The lot (batch) number printed on the product: a product recall finds its buyers</source>
        <translation>Le n° de lot imprimé sur le produit&#xa0;: un rappel de produit retrouve ainsi ses acheteurs</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
</context>
<context>
    <name>LineTableModel</name>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>LoyaltyMenu</name>
    <message>
        <source>&amp;Loyalty</source>
        <translation>Fidé&amp;lité</translation>
    </message>
    <message>
        <source>&amp;Home parties…</source>
        <translation>Réunions à &amp;domicile…</translation>
    </message>
    <message>
        <source>Parties with their host, guests, sales and the host&apos;s voucher</source>
        <translation>Les réunions avec leur hôtesse, leurs invités, leurs ventes et le bon d&apos;achat de l&apos;hôtesse</translation>
    </message>
    <message>
        <source>&amp;Reps and objectives…</source>
        <translation>&amp;Commerciaux et objectifs…</translation>
    </message>
    <message>
        <source>Portfolio, revenue and orders per rep over a period, against the objectives</source>
        <translation>Portefeuille, chiffre d&apos;affaires et commandes par commercial sur une période, face aux objectifs</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Réglages…</translation>
    </message>
    <message>
        <source>Points per euro, validity, vouchers, referral, rebate, rewards</source>
        <translation>Points par euro, validité, bons d&apos;achat, parrainage, ristourne, récompenses</translation>
    </message>
</context>
<context>
    <name>LoyaltySettingsDialog</name>
    <message>
        <source>Loyalty programme settings</source>
        <translation>Réglages du programme de fidélité</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Des points de fidélité</translation>
    </message>
    <message>
        <source>A voucher</source>
        <translation>Un bon d&apos;achat</translation>
    </message>
    <message>
        <source> points</source>
        <translation> points</translation>
    </message>
    <message>
        <source>rate × (revenue − threshold), above the threshold</source>
        <translation>taux × (CA − seuil), au-delà du seuil</translation>
    </message>
    <message>
        <source>rate × whole revenue, once the threshold is reached</source>
        <translation>taux × CA total, dès que le seuil est atteint</translation>
    </message>
    <message>
        <source>Points and card</source>
        <translation>Points et carte</translation>
    </message>
    <message>
        <source>Points per &amp;euro:</source>
        <translation>Points par &amp;euro&#xa0;:</translation>
    </message>
    <message>
        <source>Points usable &amp;for:</source>
        <translation>Points &amp;utilisables pendant&#xa0;:</translation>
    </message>
    <message>
        <source>Card &amp;valid for:</source>
        <translation>&amp;Validité de la carte&#xa0;:</translation>
    </message>
    <message>
        <source>Cost of a &amp;card:</source>
        <translation>&amp;Coût d&apos;une carte&#xa0;:</translation>
    </message>
    <message>
        <source>A batch of points stays usable until the end of the month, that many months after the order.</source>
        <translation>Les points d&apos;une commande restent utilisables jusqu&apos;à la fin du mois situé ce nombre de mois après la commande.</translation>
    </message>
    <message>
        <source>Home parties and referral</source>
        <translation>Réunions à domicile et parrainage</translation>
    </message>
    <message>
        <source>&amp;Host&apos;s voucher:</source>
        <translation>&amp;Bon d&apos;achat de l&apos;hôtesse&#xa0;:</translation>
    </message>
    <message>
        <source>Referrer&apos;s &amp;reward:</source>
        <translation>Réco&amp;mpense du parrain&#xa0;:</translation>
    </message>
    <message>
        <source>Referral &amp;points:</source>
        <translation>&amp;Points de parrainage&#xa0;:</translation>
    </message>
    <message>
        <source>Referral v&amp;oucher:</source>
        <translation>B&amp;on d&apos;achat de parrainage&#xa0;:</translation>
    </message>
    <message>
        <source>Volume rebate</source>
        <translation>Ristourne</translation>
    </message>
    <message>
        <source>&amp;Threshold:</source>
        <translation>&amp;Seuil&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;ate:</source>
        <translation>&amp;Taux&#xa0;:</translation>
    </message>
    <message>
        <source>Ru&amp;le:</source>
        <translation>Rè&amp;gle&#xa0;:</translation>
    </message>
    <message>
        <source>New reward</source>
        <translation>Nouvelle récompense</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <source>&amp;Withdraw / offer again</source>
        <translation>&amp;Retirer / proposer de nouveau</translation>
    </message>
    <message>
        <source>Rewards catalogue</source>
        <translation>Catalogue des récompenses</translation>
    </message>
</context>
<context>
    <name>LoyaltyTab</name>
    <message>
        <source>%1 point</source>
        <translation>%1 point</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Reward: %1</source>
        <translation>Récompense&#xa0;: %1</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Points expirés</translation>
    </message>
    <message>
        <source>Referral reward</source>
        <translation>Récompense de parrainage</translation>
    </message>
    <message>
        <source>&amp;Use points…</source>
        <translation>&amp;Utiliser des points…</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>Solde&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 expire on %2</source>
        <translation>Expiration le %2&#xa0;: %1</translation>
    </message>
    <message>
        <source>No points about to expire.</source>
        <translation>Aucun point n&apos;arrive bientôt à expiration.</translation>
    </message>
    <message>
        <source>No loyalty card.</source>
        <translation>Pas de carte de fidélité.</translation>
    </message>
    <message>
        <source>Iss&amp;ue a card</source>
        <translation>&amp;Délivrer une carte</translation>
    </message>
    <message>
        <source>Card %1, valid from %2 to %3</source>
        <translation>Carte %1, valable du %2 au %3</translation>
    </message>
    <message>
        <source>Card %1, expired on %3</source>
        <translation>Carte %1, expirée le %3</translation>
    </message>
    <message>
        <source>&amp;Renew the card</source>
        <translation>&amp;Renouveler la carte</translation>
    </message>
    <message>
        <source>No voucher to use.</source>
        <translation>Aucun bon d&apos;achat à utiliser.</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 jusqu&apos;au %2</translation>
    </message>
    <message>
        <source>Vouchers to use: %1</source>
        <translation>Bons d&apos;achat à utiliser&#xa0;: %1</translation>
    </message>
    <message>
        <source>Referred by %1 (%2).</source>
        <translation>Parrain&#xa0;: %1 (%2).</translation>
    </message>
    <message>
        <source>Referred %1 client(s), %2 rewarded: %3.</source>
        <translation>%1 filleul(s), dont %2 récompensé(s)&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No referral.</source>
        <translation>Aucun parrainage.</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>Utiliser des points</translation>
    </message>
    <message>
        <source>The rewards catalogue is empty: add rewards in Loyalty › Settings.</source>
        <translation>Le catalogue des récompenses est vide&#xa0;: ajoutez-en dans Fidélité › Réglages.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Products and categories…</source>
        <translation>&amp;Produits et catégories…</translation>
    </message>
    <message>
        <source>Products, categories and the revenue share by category</source>
        <translation>Produits, catégories et répartition du chiffre d&apos;affaires par catégorie</translation>
    </message>
    <message>
        <source>&amp;Business identity…</source>
        <translation>&amp;Identité de l&apos;entreprise…</translation>
    </message>
    <message>
        <source>Name, address, SIRET and logo printed on client sheets, cards and letters</source>
        <translation>Raison sociale, adresse, SIRET et logo imprimés sur les fiches, les cartes et les lettres</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Cannot open the client file</source>
        <translation>Impossible d&apos;ouvrir le fichier clients</translation>
    </message>
    <message>
        <source>%1 — crmdesk</source>
        <translation>%1 — crmdesk</translation>
    </message>
    <message>
        <source>&amp;Open another file…</source>
        <translation>&amp;Ouvrir un autre fichier…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Cannot build the demo file</source>
        <translation>Impossible de créer le fichier de démonstration</translation>
    </message>
    <message>
        <source>Demo %1 (copy) — crmdesk</source>
        <translation>Démo %1 (copie) — crmdesk</translation>
    </message>
    <message>
        <source>Open a client file</source>
        <translation>Ouvrir un fichier clients</translation>
    </message>
    <message>
        <source>crmdesk client files (*.sqlite);;All files (*)</source>
        <translation>Fichiers clients crmdesk (*.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>New client file</source>
        <translation>Nouveau fichier clients</translation>
    </message>
    <message>
        <source>« %1 » already exists: use File &gt; Open to open it.</source>
        <translation>«&#xa0;%1&#xa0;» existe déjà&#xa0;: utilisez Fichier &gt; Ouvrir pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>No client shown out of %1</source>
        <translation>Aucun client affiché sur %1</translation>
    </message>
    <message>
        <source>1 client shown out of %1</source>
        <translation>1 client affiché sur %1</translation>
    </message>
    <message>
        <source>%1 clients shown out of %2</source>
        <translation>%1 clients affichés sur %2</translation>
    </message>
    <message>
        <source>The change could not be replayed</source>
        <translation>La modification n&apos;a pas pu être rejouée</translation>
    </message>
    <message>
        <source>Client saved.</source>
        <translation>Client enregistré.</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>suppression de %1</translation>
    </message>
    <message>
        <source>Delete %1 clients</source>
        <translation>suppression de %1 clients</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Moved to the trash (Ctrl+Z to undo, Edit &gt; Trash to restore).</source>
        <translation>Mis à la corbeille (Ctrl+Z pour annuler, Édition &gt; Corbeille pour restaurer).</translation>
    </message>
    <message>
        <source>Restore %1 clients</source>
        <translation>restauration de %1 clients</translation>
    </message>
    <message>
        <source>Restore a client</source>
        <translation>restauration d&apos;un client</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Business identity saved: it heads the next prints.</source>
        <translation>Identité de l&apos;entreprise enregistrée&#xa0;: elle figurera en tête des prochaines impressions.</translation>
    </message>
    <message>
        <source>The new language will be used the next time crmdesk starts.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de crmdesk.</translation>
    </message>
    <message>
        <source>About crmdesk</source>
        <translation>À propos de crmdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;crmdesk %1&lt;/h3&gt;&lt;p&gt;The client file of a small business, kept on this computer, offline.&lt;/p&gt;&lt;p&gt;Numbers, dates and amounts are shown the French way.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;crmdesk %1&lt;/h3&gt;&lt;p&gt;Le fichier clients d&apos;une petite entreprise, gardé sur cet ordinateur, hors ligne.&lt;/p&gt;&lt;p&gt;Les nombres, les dates et les montants sont affichés à la française.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>crmdesk</source>
        <translation>crmdesk</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher&#xa0;:</translation>
    </message>
    <message>
        <source>Name, company, email, phone, city…</source>
        <translation>Nom, entreprise, e-mail, téléphone, ville…</translation>
    </message>
    <message>
        <source>S&amp;tage:</source>
        <translation>É&amp;tape&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>&amp;Ville&#xa0;:</translation>
    </message>
    <message>
        <source>T&amp;ag:</source>
        <translation>&amp;Étiquette&#xa0;:</translation>
    </message>
    <message>
        <source>Sales &amp;rep:</source>
        <translation>Co&amp;mmercial&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Recent files</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>&amp;New client file…</source>
        <translation>&amp;Nouveau fichier clients…</translation>
    </message>
    <message>
        <source>Create an empty client file</source>
        <translation>Créer un fichier clients vide</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open another client file</source>
        <translation>Ouvrir un autre fichier clients</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nouveau client…</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Add a client or a prospect</source>
        <translation>Ajouter un client ou un prospect</translation>
    </message>
    <message>
        <source>&amp;Edit client…</source>
        <translation>&amp;Modifier la fiche…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Open the sheet of the selected client</source>
        <translation>Ouvrir la fiche du client sélectionné</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Move the selected clients to the trash</source>
        <translation>Mettre les clients sélectionnés à la corbeille</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>&amp;Corbeille…</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>See the deleted clients and restore them</source>
        <translation>Voir les clients supprimés et les restaurer</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Rec&amp;hercher</translation>
    </message>
    <message>
        <source>Search the client file</source>
        <translation>Chercher dans le fichier clients</translation>
    </message>
    <message>
        <source>&amp;Show all clients</source>
        <translation>&amp;Tous les clients (sans filtre)</translation>
    </message>
    <message>
        <source>Clear the search and the filters</source>
        <translation>Effacer la recherche et les filtres</translation>
    </message>
    <message>
        <source>&amp;Automatic (system language)</source>
        <translation>&amp;Automatique (langue du système)</translation>
    </message>
    <message>
        <source>&amp;About crmdesk</source>
        <translation>À &amp;propos de crmdesk</translation>
    </message>
</context>
<context>
    <name>Manual</name>
    <message>
        <source>User &amp;manual</source>
        <translation>Manuel d&apos;&amp;utilisation</translation>
    </message>
    <message>
        <source>How to do each task in crmdesk, step by step (F1 in a dialog opens its page)</source>
        <translation>Comment faire chaque tâche dans crmdesk, pas à pas (F1 dans une fenêtre ouvre sa page)</translation>
    </message>
    <message>
        <source>User manual</source>
        <translation>Manuel d&apos;utilisation</translation>
    </message>
    <message>
        <source>The user manual is missing from this installation of crmdesk.</source>
        <translation>Le manuel d&apos;utilisation manque dans cette installation de crmdesk.</translation>
    </message>
</context>
<context>
    <name>ManualViewer</name>
    <message>
        <source>Search the manual (Ctrl+F)</source>
        <translation>Rechercher dans le manuel (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>S&amp;uivant</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Sommaire</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>User manual — %1</source>
        <translation>Manuel d&apos;utilisation — %1</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge two clients</source>
        <translation>Fusionner deux clients</translation>
    </message>
    <message>
        <source>For each field that differs, choose the value to keep. The history of the merged client moves to the kept one; the merged client goes to the trash (Ctrl+Z undoes the merge).</source>
        <translation>Pour chaque champ qui diffère, choisissez la valeur à garder. L&apos;historique du client fusionné passe au client gardé&#xa0;; le client fusionné va à la corbeille (Ctrl+Z annule la fusion).</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <source>S&amp;wap</source>
        <translation>&amp;Inverser</translation>
    </message>
    <message>
        <source>Keep the other client (its number) and merge this one into it</source>
        <translation>Garder l&apos;autre client (et son N°) et fusionner celui-ci dedans</translation>
    </message>
    <message>
        <source>One of the two clients no longer exists.</source>
        <translation>L&apos;un des deux clients n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Kept: %1</source>
        <translation>Gardé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Merged: %1</source>
        <translation>Fusionné&#xa0;: %1</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Both clients&apos; tags are kept.</source>
        <translation>Les étiquettes des deux clients sont gardées.</translation>
    </message>
    <message>
        <source>Moves to the kept client: %1.</source>
        <translation>Passe au client gardé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Discard the changes?</source>
        <translation>Abandonner les modifications&#xa0;?</translation>
    </message>
    <message>
        <source>What you typed in « %1 » has not been saved.</source>
        <translation>Ce que vous avez saisi dans «&#xa0;%1&#xa0;» n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Abandonner</translation>
    </message>
    <message>
        <source>&amp;Continue editing</source>
        <translation>&amp;Continuer la saisie</translation>
    </message>
</context>
<context>
    <name>MigrationDialog</name>
    <message>
        <source>Updating « %1 » for this version of crmdesk (a copy is taken first)…</source>
        <translation>Mise à jour de « %1 » pour cette version de crmdesk (une copie est faite d&apos;abord)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Updating the client file</source>
        <translation>Mise à jour du fichier clients</translation>
    </message>
    <message>
        <source>The update of « %1 » was cancelled: the file was not changed.</source>
        <translation>La mise à jour de « %1 » a été annulée : le fichier n&apos;a pas été modifié.</translation>
    </message>
</context>
<context>
    <name>NotifyListener</name>
    <message>
        <source>The server stopped answering (%1): changes made on other PCs are no longer shown.</source>
        <translation>Le serveur ne répond plus (%1) : les modifications faites sur les autres postes ne s&apos;affichent plus.</translation>
    </message>
</context>
<context>
    <name>ObjectiveDialog</name>
    <message>
        <source>Objective of %1, %2</source>
        <translation>Objectif de %1, %2</translation>
    </message>
    <message>
        <source>e.g. 20 000,00</source>
        <translation>ex. 20&#xa0;000,00</translation>
    </message>
    <message>
        <source>&amp;Revenue (€):</source>
        <translation>&amp;Chiffre d&apos;affaires (€)&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Orders:</source>
        <translation>Nombre de co&amp;mmandes&#xa0;:</translation>
    </message>
    <message>
        <source>orders: a whole number</source>
        <translation>commandes&#xa0;: un nombre entier</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>unreadable quantity « %1 »</source>
        <translation>quantité illisible « %1 »</translation>
    </message>
    <message>
        <source>give a product or a label</source>
        <translation>indiquez un produit ou un libellé</translation>
    </message>
    <message>
        <source>give the unit price</source>
        <translation>indiquez le prix unitaire</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>Nouvelle commande</translation>
    </message>
    <message>
        <source>Order of %1</source>
        <translation>Commande du %1</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>invoice or order number (optional)</source>
        <translation>n° de facture ou de commande (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Canal&#xa0;:</translation>
    </message>
    <message>
        <source>Sales r&amp;ep:</source>
        <translation>Co&amp;mmercial&#xa0;:</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>&amp;Référence&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>Mon&amp;tant&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Lines (F2 or typing edits a cell):</source>
        <translation>&amp;Lignes (F2 ou la frappe modifie une cellule)&#xa0;:</translation>
    </message>
    <message>
        <source>Add l&amp;ine</source>
        <translation>Ajouter une l&amp;igne</translation>
    </message>
    <message>
        <source>Re&amp;move line</source>
        <translation>&amp;Supprimer la ligne</translation>
    </message>
    <message>
        <source>The sum of the lines</source>
        <translation>La somme des lignes</translation>
    </message>
    <message>
        <source>Total of the lines: %1</source>
        <translation>Total des lignes&#xa0;: %1</translation>
    </message>
    <message>
        <source>No line: type the amount</source>
        <translation>Aucune ligne : saisissez le montant</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>ligne %1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Enregistrement impossible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Ref.</source>
        <translation>Réf.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>New order of %1</source>
        <translation>Nouvelle commande de %1</translation>
    </message>
    <message>
        <source>Edit order of %1</source>
        <translation>Modifier la commande du %1</translation>
    </message>
    <message>
        <source>Delete order of %1</source>
        <translation>Supprimer la commande du %1</translation>
    </message>
    <message>
        <source>Revenue this year:</source>
        <translation>CA cette année&#xa0;:</translation>
    </message>
    <message>
        <source>Revenue last year:</source>
        <translation>CA l&apos;an dernier&#xa0;:</translation>
    </message>
    <message>
        <source>Orders:</source>
        <translation>Nombre de commandes&#xa0;:</translation>
    </message>
    <message>
        <source>Average basket:</source>
        <translation>Panier moyen&#xa0;:</translation>
    </message>
    <message>
        <source>Last order:</source>
        <translation>Dernière commande&#xa0;:</translation>
    </message>
    <message>
        <source>Lines of the selected order:</source>
        <translation>Lignes de la commande choisie&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Delete the order of %1 (%2)?</source>
        <translation>Supprimer la commande du %1 (%2)&#xa0;?</translation>
    </message>
    <message>
        <source>Delete an order</source>
        <translation>Supprimer une commande</translation>
    </message>
</context>
<context>
    <name>OutreachDialog</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Previous recipient</source>
        <translation>Destinataire précédent</translation>
    </message>
    <message>
        <source>Next recipient</source>
        <translation>Destinataire suivant</translation>
    </message>
    <message>
        <source>Counting the recipients…</source>
        <translation>Décompte des destinataires…</translation>
    </message>
</context>
<context>
    <name>OutreachHistory</name>
    <message>
        <source>Letters</source>
        <translation>Lettres</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Envelopes</source>
        <translation>Enveloppes</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Recipients chosen</source>
        <translation>Destinataires choisis</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>On the history</source>
        <translation>Dans l&apos;historique</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Mailing history</source>
        <translation>Historique des envois</translation>
    </message>
    <message>
        <source>Each letter, label or envelope printed, each e-mail written or sent is an outgoing exchange on its client&apos;s history. A mailing can be undone in one action: its exchanges leave the history, except those changed by hand since.</source>
        <translation>Chaque lettre, étiquette ou enveloppe imprimée, chaque e-mail écrit ou envoyé est un échange sortant dans l&apos;historique de son client. Un envoi s&apos;annule en une fois&#xa0;: ses échanges quittent l&apos;historique, sauf ceux modifiés à la main depuis.</translation>
    </message>
    <message>
        <source>&amp;Undo this mailing…</source>
        <translation>&amp;Annuler cet envoi…</translation>
    </message>
    <message>
        <source>Undo a mailing</source>
        <translation>Annuler un envoi</translation>
    </message>
    <message>
        <source>Undo mailing no. %1 (%2, %3, %4 recipients)?</source>
        <translation>Annuler l&apos;envoi n° %1 (%2, %3, %4 destinataires)&#xa0;?</translation>
    </message>
    <message>
        <source>Its exchanges will leave the clients&apos; history, except those changed since. This cannot be undone with Ctrl+Z.</source>
        <translation>Ses échanges quitteront l&apos;historique des clients, sauf ceux modifiés depuis. Ctrl+Z ne pourra pas le rétablir.</translation>
    </message>
</context>
<context>
    <name>OutreachMenu</name>
    <message>
        <source>&amp;Mailing</source>
        <translation>C&amp;ourrier</translation>
    </message>
    <message>
        <source>&amp;Letters…</source>
        <translation>&amp;Lettres…</translation>
    </message>
    <message>
        <source>One letter per client from a template, addressed for a window envelope: preview, print, save as PDF</source>
        <translation>Une lettre par client à partir d&apos;un modèle, adressée pour une enveloppe à fenêtre&#xa0;: aperçu, impression, PDF</translation>
    </message>
    <message>
        <source>Address l&amp;abels and envelopes…</source>
        <translation>É&amp;tiquettes et enveloppes…</translation>
    </message>
    <message>
        <source>Address labels on Avery sheets (L7160, L7161, L7163, 3422), DL and C5 envelopes</source>
        <translation>Étiquettes d&apos;adresse sur planches Avery (L7160, L7161, L7163, 3422), enveloppes DL et C5</translation>
    </message>
    <message>
        <source>&amp;E-mails…</source>
        <translation>&amp;E-mails…</translation>
    </message>
    <message>
        <source>A template by e-mail to the clients who consented: .eml files, your mail program or your account</source>
        <translation>Un modèle par e-mail aux clients qui y ont consenti&#xa0;: fichiers .eml, votre messagerie ou votre compte</translation>
    </message>
    <message>
        <source>Letter &amp;templates…</source>
        <translation>&amp;Modèles de lettres…</translation>
    </message>
    <message>
        <source>The letter and e-mail templates of this file, with their merge fields</source>
        <translation>Les modèles de lettres et d&apos;e-mails du fichier, avec leurs champs de fusion</translation>
    </message>
    <message>
        <source>Product &amp;recall…</source>
        <translation>&amp;Rappel de produit…</translation>
    </message>
    <message>
        <source>Who bought a product or a lot between two dates, and who has been told</source>
        <translation>Qui a acheté un produit ou un lot entre deux dates, et qui a été prévenu</translation>
    </message>
    <message>
        <source>E-mail a&amp;ccount (SMTP)…</source>
        <translation>&amp;Compte d&apos;envoi (SMTP)…</translation>
    </message>
    <message>
        <source>The account e-mails are sent with; its password stays in the system&apos;s keyring</source>
        <translation>Le compte qui envoie les e-mails ; son mot de passe reste dans le trousseau du système</translation>
    </message>
    <message>
        <source>Mailing &amp;history…</source>
        <translation>&amp;Historique des envois…</translation>
    </message>
    <message>
        <source>The letters, labels, envelopes and e-mails recorded on the clients&apos; history, and undoing a batch</source>
        <translation>Les lettres, étiquettes, enveloppes et e-mails inscrits dans l&apos;historique des clients, et l&apos;annulation d&apos;un envoi</translation>
    </message>
    <message>
        <source>Recorded on the history of %1 (mailing no. %2: Mailing › Mailing history… undoes it).</source>
        <translation>Inscrit dans l&apos;historique de %1 clients (envoi n° %2&#xa0;: Courrier › Historique des envois… l&apos;annule).</translation>
    </message>
</context>
<context>
    <name>PairModel</name>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Doublon probable</translation>
    </message>
</context>
<context>
    <name>PartiesDialog</name>
    <message>
        <source>Home parties</source>
        <translation>Réunions à domicile</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouvelle…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Issue the voucher</source>
        <translation>&amp;Émettre le bon d&apos;achat</translation>
    </message>
    <message>
        <source>%1 parties, %2 of sales, %3 of vouchers</source>
        <translation>%1 réunions, %2 de ventes, %3 de bons d&apos;achat</translation>
    </message>
    <message>
        <source>Issue the voucher</source>
        <translation>Émettre le bon d&apos;achat</translation>
    </message>
</context>
<context>
    <name>PartiesModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôtesse</translation>
    </message>
    <message>
        <source>Ambassador</source>
        <translation>Ambassadeur</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Invités</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventes</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Bon d&apos;achat</translation>
    </message>
    <message>
        <source>%1 (issued)</source>
        <translation>%1 (émis)</translation>
    </message>
    <message>
        <source>%1 % of the sales</source>
        <translation>%1&#xa0;% des ventes</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>New home party</source>
        <translation>Nouvelle réunion à domicile</translation>
    </message>
    <message>
        <source>Home party</source>
        <translation>Réunion à domicile</translation>
    </message>
    <message>
        <source>N° client of the host</source>
        <translation>N° client de l&apos;hôtesse</translation>
    </message>
    <message>
        <source>N° client of each guest, separated by spaces or commas</source>
        <translation>N° client de chaque invité, séparés par des espaces ou des virgules</translation>
    </message>
    <message>
        <source>One per line: NAME; First name</source>
        <translation>Un par ligne&#xa0;: NOM&#xa0;; Prénom</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôtesse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Ambassador:</source>
        <translation>&amp;Ambassadeur&#xa0;:</translation>
    </message>
    <message>
        <source>Host&apos;s &amp;voucher:</source>
        <translation>&amp;Bon d&apos;achat de l&apos;hôtesse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Guests:</source>
        <translation>&amp;Invités&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;New guests:</source>
        <translation>&amp;Nouveaux invités&#xa0;:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes&#xa0;:</translation>
    </message>
    <message>
        <source>%1: unknown</source>
        <translation>%1&#xa0;: inconnu</translation>
    </message>
    <message>
        <source>no client with this number</source>
        <translation>aucun client avec ce numéro</translation>
    </message>
    <message>
        <source>unknown N° client: %1</source>
        <translation>N° client inconnu&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>PdfJob</name>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>The PDF could not be written in the temporary folder: %1.</source>
        <translation>Le PDF n&apos;a pas pu être écrit dans le dossier temporaire&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Preparing… %1 / %2</source>
        <translation>Préparation… %1 / %2</translation>
    </message>
    <message>
        <source>Mailing history</source>
        <translation>Historique des envois</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>&amp;Pleine largeur</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Enregistrer sous…</translation>
    </message>
    <message>
        <source>This PDF cannot be shown</source>
        <translation>Ce PDF ne peut pas être affiché</translation>
    </message>
    <message>
        <source>Page %1 / %2</source>
        <translation>Page %1 / %2</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>The printer could not be started. Nothing was printed.</source>
        <translation>L&apos;imprimante n&apos;a pas pu être démarrée. Rien n&apos;a été imprimé.</translation>
    </message>
    <message>
        <source>Printing page %1 / %2…</source>
        <translation>Impression de la page %1 / %2…</translation>
    </message>
    <message>
        <source>Printing stopped before the end.</source>
        <translation>L&apos;impression s&apos;est arrêtée avant la fin.</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Enregistrer le PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2. Nothing was written.</source>
        <translation>Impossible d&apos;enregistrer « %1 » : %2. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>the folder is read-only or you may not write there</source>
        <translation>le dossier est en lecture seule ou vous n&apos;avez pas le droit d&apos;y écrire</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>le dossier n&apos;existe pas</translation>
    </message>
</context>
<context>
    <name>PeriodSelector</name>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates au choix</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>D&amp;u&#xa0;:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;Jusqu&apos;au&#xa0;:</translation>
    </message>
</context>
<context>
    <name>PhaseDialog</name>
    <message>
        <source>Correction — %1</source>
        <translation>Correction — %1</translation>
    </message>
    <message>
        <source>Note — %1</source>
        <translation>Note — %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Qualify the complaint; the client&apos;s earlier complaints are listed below.</source>
        <translation>Qualifiez la réclamation&#xa0;; les réclamations précédentes du client sont listées ci-dessous.</translation>
    </message>
    <message>
        <source>&amp;Justified:</source>
        <translation>&amp;Justifiée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Nature:</source>
        <translation>&amp;Nature&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Qualification:</source>
        <translation>&amp;Qualification&#xa0;:</translation>
    </message>
    <message>
        <source>No other complaint from this client.</source>
        <translation>Aucune autre réclamation de ce client.</translation>
    </message>
    <message>
        <source>Client&apos;s &amp;history:</source>
        <translation>&amp;Historique du client&#xa0;:</translation>
    </message>
    <message>
        <source>Handled directly, or routed to the service concerned?</source>
        <translation>Traitée directement, ou transmise au service concerné&#xa0;?</translation>
    </message>
    <message>
        <source>Handled &amp;directly</source>
        <translation>Traitée &amp;directement</translation>
    </message>
    <message>
        <source>&amp;Routed to a service</source>
        <translation>T&amp;ransmise à un service</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service&#xa0;:</translation>
    </message>
    <message>
        <source>The answer given to the client and what it cost.</source>
        <translation>La réponse donnée au client et ce qu&apos;elle a coûté.</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>&amp;Réponse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Compensation:</source>
        <translation>&amp;Compensation&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ost (€):</source>
        <translation>C&amp;oût (€)&#xa0;:</translation>
    </message>
    <message>
        <source>Client &amp;re-satisfied:</source>
        <translation>Client de nouveau sa&amp;tisfait&#xa0;:</translation>
    </message>
    <message>
        <source>What caused it, and what will prevent it from happening again.</source>
        <translation>Ce qui l&apos;a causée, et ce qui évitera qu&apos;elle se reproduise.</translation>
    </message>
    <message>
        <source>Root &amp;cause:</source>
        <translation>&amp;Cause première&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Preventive action:</source>
        <translation>Action &amp;préventive&#xa0;:</translation>
    </message>
    <message>
        <source>The complaint is followed in the complaints dashboard.</source>
        <translation>La réclamation est suivie dans le tableau de bord des réclamations.</translation>
    </message>
    <message>
        <source>&amp;Correction:</source>
        <translation>&amp;Correction&#xa0;:</translation>
    </message>
    <message>
        <source>No&amp;te:</source>
        <translation>No&amp;te&#xa0;:</translation>
    </message>
    <message>
        <source>The history is never changed: this is added as a new dated event.</source>
        <translation>L&apos;historique n&apos;est jamais modifié : ceci s&apos;ajoute comme un nouvel événement daté.</translation>
    </message>
    <message>
        <source>A dated note in the complaint&apos;s history.</source>
        <translation>Une note datée dans l&apos;historique de la réclamation.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>PivotDialog</name>
    <message>
        <source>Export a pivot table</source>
        <translation>Exporter un tableau croisé</translation>
    </message>
    <message>
        <source>Revenue in euros, one column per month of the period, with the totals. Counted as on the dashboard.</source>
        <translation>Le chiffre d&apos;affaires en euros, une colonne par mois de la période, avec les totaux. Compté comme au tableau de bord.</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Product categories</source>
        <translation>Catégories de produits</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Commerciaux</translation>
    </message>
    <message>
        <source>One &amp;row per:</source>
        <translation>Une &amp;ligne par&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>La période finit avant de commencer.</translation>
    </message>
    <message>
        <source>%1 rows × %2 months written to %3; total %4.</source>
        <translation>%1 lignes × %2 mois écrites dans %3&#xa0;; total %4.</translation>
    </message>
</context>
<context>
    <name>PivotMenu</name>
    <message>
        <source>Export a pi&amp;vot table…</source>
        <translation>Exporter un &amp;tableau croisé…</translation>
    </message>
    <message>
        <source>Revenue by client, category or rep and by month, as Excel or CSV</source>
        <translation>Le chiffre d&apos;affaires par client, catégorie ou commercial et par mois, en Excel ou CSV</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Imprimer</translation>
    </message>
    <message>
        <source>Client sheet of the &amp;current client…</source>
        <translation>&amp;Fiche client du client en cours…</translation>
    </message>
    <message>
        <source>The sheet of the client you are on: preview, print, save as PDF</source>
        <translation>La fiche du client sur lequel vous êtes&#xa0;: aperçu, impression, enregistrement en PDF</translation>
    </message>
    <message>
        <source>Client sheets of the &amp;selection…</source>
        <translation>Fiches client de la &amp;sélection…</translation>
    </message>
    <message>
        <source>One sheet per selected client, in one PDF</source>
        <translation>Une fiche par client sélectionné, dans un seul PDF</translation>
    </message>
    <message>
        <source>Client sheets of &amp;every client shown…</source>
        <translation>Fiches client de &amp;tous les clients affichés…</translation>
    </message>
    <message>
        <source>One sheet per client of the current search and filters, in one PDF</source>
        <translation>Une fiche par client de la recherche et des filtres en cours, dans un seul PDF</translation>
    </message>
    <message>
        <source>Client c&amp;ards of the selection…</source>
        <translation>&amp;Cartes client de la sélection…</translation>
    </message>
    <message>
        <source>A card per selected client, several to a page, to cut out</source>
        <translation>Une carte par client sélectionné, plusieurs par page, à découper</translation>
    </message>
    <message>
        <source>Client cards of every client s&amp;hown…</source>
        <translation>Cartes client de to&amp;us les clients affichés…</translation>
    </message>
    <message>
        <source>A card per client of the current search and filters, to cut out</source>
        <translation>Une carte par client de la recherche et des filtres en cours, à découper</translation>
    </message>
    <message>
        <source>The PDF could not be written in the temporary folder: %1.</source>
        <translation>Le PDF n&apos;a pas pu être écrit dans le dossier temporaire&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>Impression annulée.</translation>
    </message>
    <message>
        <source>Print the sheet…</source>
        <translation>Imprimer la fiche…</translation>
    </message>
    <message>
        <source>This client&apos;s sheet as saved: preview, print, save as PDF</source>
        <translation>La fiche de ce client telle qu&apos;elle est enregistrée&#xa0;: aperçu, impression, enregistrement en PDF</translation>
    </message>
    <message>
        <source>%1 client sheets will be prepared (about %2 pages). Continue?</source>
        <translation>%1 fiches vont être préparées (environ %2 pages). Continuer&#xa0;?</translation>
    </message>
    <message>
        <source>%1 client cards will be prepared (about %2 pages). Continue?</source>
        <translation>%1 cartes vont être préparées (environ %2 pages). Continuer&#xa0;?</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>Client sheet %1 (%2)</source>
        <translation>Fiche client %1 (%2)</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clients</translation>
    </message>
    <message>
        <source>Client sheets (%1, %2)</source>
        <translation>Fiches client (%1, %2)</translation>
    </message>
    <message>
        <source>Client cards (%1, %2)</source>
        <translation>Cartes client (%1, %2)</translation>
    </message>
    <message>
        <source>Client sheets</source>
        <translation>Fiches client</translation>
    </message>
    <message>
        <source>Client cards</source>
        <translation>Cartes client</translation>
    </message>
    <message>
        <source>Preparing the client sheets… %1 / %2</source>
        <translation>Préparation des fiches… %1 / %2</translation>
    </message>
    <message>
        <source>Preparing the client cards… %1 / %2</source>
        <translation>Préparation des cartes… %1 / %2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Print client sheets</source>
        <translation>Imprimer des fiches client</translation>
    </message>
    <message>
        <source>Print client cards</source>
        <translation>Imprimer des cartes client</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En vente</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <source>Kept until %1</source>
        <translation>Conservation jusqu&apos;au %1</translation>
    </message>
    <message>
        <source>No activity recorded</source>
        <translation>Aucune activité enregistrée</translation>
    </message>
    <message>
        <source>No purchase for over %1 years</source>
        <translation>Aucun achat depuis plus de %1 ans</translation>
    </message>
    <message>
        <source>No contact for over %1 years</source>
        <translation>Aucun contact depuis plus de %1 ans</translation>
    </message>
    <message>
        <source>Data to purge</source>
        <translation>Données à purger</translation>
    </message>
    <message>
        <source>&amp;Cancel the purge</source>
        <translation>&amp;Annuler la purge</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Tout &amp;sélectionner</translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation>Tout &amp;désélectionner</translation>
    </message>
    <message>
        <source>&amp;Purge…</source>
        <translation>&amp;Purger…</translation>
    </message>
    <message>
        <source>prospects without contact for %1 years, clients %2 years after their last purchase</source>
        <translation>prospects sans contact depuis %1 ans, clients %2 ans après leur dernier achat</translation>
    </message>
    <message>
        <source>No data to purge (%1).</source>
        <translation>Aucune donnée à purger (%1).</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clients</translation>
    </message>
    <message>
        <source>%1 whose retention period is over (%2). Purging anonymises them: their orders are kept for the statistics, nothing else.</source>
        <translation>%1 dont la durée de conservation est écoulée (%2). La purge les anonymise&#xa0;: seules leurs commandes sont conservées, pour les statistiques.</translation>
    </message>
    <message>
        <source>this client</source>
        <translation>ce client</translation>
    </message>
    <message>
        <source>these %1 clients</source>
        <translation>ces %1 clients</translation>
    </message>
    <message>
        <source>Anonymise %1? Their name, contact details, notes and history are erased for good; their orders are kept without their name. This cannot be undone.</source>
        <translation>Anonymiser %1&#xa0;? Nom, coordonnées, notes et historique seront effacés définitivement&#xa0;; les commandes sont conservées sans le nom. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Anonymising…</source>
        <translation>Anonymisation…</translation>
    </message>
    <message>
        <source>%1 anonymised; %2 kept for the statistics.</source>
        <translation>%1 anonymisé(s)&#xa0;; %2 conservée(s) pour les statistiques.</translation>
    </message>
    <message>
        <source>1 order</source>
        <translation>1 commande</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 commandes</translation>
    </message>
    <message>
        <source>Another program was reading the file: traces of the erased data may remain in it until the next cleaning (crmdesk gdpr clean).</source>
        <translation>Un autre programme lisait le fichier&#xa0;: des traces des données effacées peuvent y subsister jusqu&apos;au prochain nettoyage (crmdesk gdpr clean).</translation>
    </message>
    <message>
        <source>Purge cancelled: nothing was changed.</source>
        <translation>Purge annulée&#xa0;: rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>RangeEditor</name>
    <message>
        <source>Checked: the bound itself is inside (inclusive); unchecked: it is outside (exclusive).</source>
        <translation>Coché : la borne elle-même est dedans (incluse) ; décoché : elle est dehors (exclue).</translation>
    </message>
    <message>
        <source> years</source>
        <translation> ans</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>« — » (the lowest value) = no limit on this side</source>
        <translation>« — » (la plus petite valeur) = pas de limite de ce côté</translation>
    </message>
    <message>
        <source>inclusive</source>
        <translation>inclus</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>exclu</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Call list</source>
        <translation>Liste d&apos;appels</translation>
    </message>
    <message>
        <source>CSV for Excel or LibreOffice (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV pour Excel ou LibreOffice (*.csv);;Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Told on</source>
        <translation>Prévenu le</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Product recall</source>
        <translation>Rappel de produit</translation>
    </message>
    <message>
        <source>(any product)</source>
        <translation>(tout produit)</translation>
    </message>
    <message>
        <source>lot number, e.g. L240615</source>
        <translation>n° de lot, par ex. L240615</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Chercher</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Produit&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Lot:</source>
        <translation>&amp;Lot&#xa0;:</translation>
    </message>
    <message>
        <source>Bought &amp;from:</source>
        <translation>Acheté &amp;du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>a&amp;u&#xa0;:</translation>
    </message>
    <message>
        <source>Choose a product or a lot, the dates, then Search.</source>
        <translation>Choisissez un produit ou un lot, les dates, puis Chercher.</translation>
    </message>
    <message>
        <source>&amp;Told today</source>
        <translation>Prévenus au&amp;jourd&apos;hui</translation>
    </message>
    <message>
        <source>&amp;Not told</source>
        <translation>&amp;Non prévenus</translation>
    </message>
    <message>
        <source>Recall l&amp;etters…</source>
        <translation>L&amp;ettres de rappel…</translation>
    </message>
    <message>
        <source>L&amp;abels…</source>
        <translation>É&amp;tiquettes…</translation>
    </message>
    <message>
        <source>E-&amp;mails…</source>
        <translation>E-&amp;mails de rappel…</translation>
    </message>
    <message>
        <source>&amp;Call list…</source>
        <translation>Liste d&apos;&amp;appels…</translation>
    </message>
    <message>
        <source>%1 buyers; %2 still to reach.</source>
        <translation>%1 acheteurs&#xa0;; %2 restent à prévenir.</translation>
    </message>
    <message>
        <source>%1 purchases of people anonymised or in the trash are not listed.</source>
        <translation>%1 achats de personnes anonymisées ou dans la corbeille ne sont pas listés.</translation>
    </message>
    <message>
        <source>recall %1</source>
        <translation>rappel %1</translation>
    </message>
    <message>
        <source>The %1 buyers of the recall</source>
        <translation>Les %1 acheteurs du rappel</translation>
    </message>
    <message>
        <source>Call list of %1 buyers written to %2.</source>
        <translation>Liste d&apos;appels de %1 acheteurs écrite dans %2.</translation>
    </message>
</context>
<context>
    <name>RecipientsBox</name>
    <message>
        <source>A list of client numbers</source>
        <translation>Une liste de N° client</translation>
    </message>
    <message>
        <source>Lists (*.csv *.txt *.xlsx *.ods);;All files (*)</source>
        <translation>Listes (*.csv *.txt *.xlsx *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>The &amp;selection (%1)</source>
        <translation>La &amp;sélection (%1)</translation>
    </message>
    <message>
        <source>Every client s&amp;hown by the search and filters (%1)</source>
        <translation>Tous les clients affic&amp;hés par la recherche et les filtres (%1)</translation>
    </message>
    <message>
        <source>The clients of a s&amp;tatus:</source>
        <translation>Les clients d&apos;un s&amp;tatut&#xa0;:</translation>
    </message>
    <message>
        <source>The clients of an &amp;RFM segment:</source>
        <translation>Les clients d&apos;un segment &amp;RFM&#xa0;:</translation>
    </message>
    <message>
        <source>The client numbers of a &amp;file:</source>
        <translation>Les N° client d&apos;un &amp;fichier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>In &amp;postal code order (La Poste&apos;s bulk rates)</source>
        <translation>Dans l&apos;ordre des codes &amp;postaux (tarifs de La Poste pour les envois en nombre)</translation>
    </message>
    <message>
        <source>file “%1”</source>
        <translation>fichier « %1 »</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>« %1 »&#xa0;: %2</translation>
    </message>
    <message>
        <source>(%1 numbers not found or in the trash)</source>
        <translation>(%1 N° introuvables ou dans la corbeille)</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>statut %1</translation>
    </message>
    <message>
        <source>RFM segment %1</source>
        <translation>segment RFM %1</translation>
    </message>
    <message>
        <source>selection of the client table</source>
        <translation>sélection du tableau des clients</translation>
    </message>
    <message>
        <source>clients shown by the search and filters</source>
        <translation>clients affichés par la recherche et les filtres</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <source>Use points</source>
        <translation>Utiliser des points</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>Solde&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Reward:</source>
        <translation>&amp;Récompense&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ReminderSettingsDialog</name>
    <message>
        <source>Automatic reminders</source>
        <translation>Relances automatiques</translation>
    </message>
    <message>
        <source>&amp;Reorder: the client is late on its usual interval (median gap between its orders)</source>
        <translation>&amp;Relance de commande&#xa0;: le client dépasse son rythme habituel (écart médian entre ses commandes)</translation>
    </message>
    <message>
        <source>&amp;Follow-up after a meeting or a quote</source>
        <translation>&amp;Suivi après un rendez-vous ou un devis</translation>
    </message>
    <message>
        <source>&amp;Birthday wishes</source>
        <translation>&amp;Vœux d&apos;anniversaire</translation>
    </message>
    <message>
        <source>&amp;Loyalty card or points about to expire</source>
        <translation>Carte ou points de &amp;fidélité bientôt expirés</translation>
    </message>
    <message>
        <source>&amp;Complaint answer date</source>
        <translation>&amp;Date de réponse à une réclamation</translation>
    </message>
    <message>
        <source>days after</source>
        <translation>jours après</translation>
    </message>
    <message>
        <source>days before</source>
        <translation>jours avant</translation>
    </message>
    <message>
        <source>days before the expiry</source>
        <translation>jours avant l&apos;expiration</translation>
    </message>
    <message>
        <source>days before the answer date</source>
        <translation>jours avant la date de réponse</translation>
    </message>
    <message>
        <source>Reminders appear this many days ahead</source>
        <translation>Relances affichées ce nombre de jours à l&apos;avance</translation>
    </message>
    <message>
        <source>A reminder is never created twice, even after it was ticked done.</source>
        <translation>Une relance n&apos;est jamais créée deux fois, même après avoir été cochée comme faite.</translation>
    </message>
</context>
<context>
    <name>RepsDialog</name>
    <message>
        <source>Reps and objectives</source>
        <translation>Commerciaux et objectifs</translation>
    </message>
    <message>
        <source>Set the o&amp;bjective…</source>
        <translation>Fixer l&apos;&amp;objectif…</translation>
    </message>
    <message>
        <source>Set the objective</source>
        <translation>Fixer l&apos;objectif</translation>
    </message>
</context>
<context>
    <name>RepsModel</name>
    <message>
        <source>Rep</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Prospects</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Revenue objective</source>
        <translation>Objectif de CA</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <source>Orders objective</source>
        <translation>Objectif de commandes</translation>
    </message>
    <message>
        <source>Ambassador</source>
        <translation>Ambassadeur</translation>
    </message>
    <message>
        <source>Sales rep</source>
        <translation>Commercial</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>New rights request</source>
        <translation>Nouvelle demande de droits</translation>
    </message>
    <message>
        <source>Client no., if the person is in the file</source>
        <translation>N° client, si la personne est dans le fichier</translation>
    </message>
    <message>
        <source>&amp;Request:</source>
        <translation>&amp;Demande&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Client no.:</source>
        <translation>N° &amp;client&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Requester&apos;s name:</source>
        <translation>Demandeur (&amp;nom)&#xa0;:</translation>
    </message>
    <message>
        <source>Received &amp;on:</source>
        <translation>Reçue &amp;le&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>N&amp;otes&#xa0;:</translation>
    </message>
</context>
<context>
    <name>RequestModel</name>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <source>Answer due</source>
        <translation>Réponse due le</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Traitée le</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>(%1 days late)</source>
        <translation>(%1&#xa0;j de retard)</translation>
    </message>
    <message>
        <source>(%1 days left)</source>
        <translation>(encore %1&#xa0;j)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Res&amp;tore a backup…</source>
        <translation>Restaurer une &amp;sauvegarde…</translation>
    </message>
    <message>
        <source>Put back the client file as it was in one of its backups</source>
        <translation>Remettre le fichier clients tel qu&apos;il était dans l&apos;une de ses sauvegardes</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Backup restored; the replaced file was backed up in %1.</source>
        <translation>Sauvegarde restaurée&#xa0;; le fichier remplacé a été sauvegardé sous %1.</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Quotidienne</translation>
    </message>
    <message>
        <source>On opening</source>
        <translation>À l&apos;ouverture</translation>
    </message>
    <message>
        <source>On closing</source>
        <translation>À la fermeture</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>Avant un import</translation>
    </message>
    <message>
        <source>Before a merge</source>
        <translation>Avant une fusion</translation>
    </message>
    <message>
        <source>Before a purge</source>
        <translation>Avant une purge</translation>
    </message>
    <message>
        <source>While editing</source>
        <translation>En cours de saisie</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Avant une restauration</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuelle</translation>
    </message>
    <message>
        <source>Before an update</source>
        <translation>Avant une mise à jour</translation>
    </message>
    <message>
        <source>Backups of « %1 » (folder « %2 »), newest first. Restoring one replaces the file; the file as it is now is backed up first.</source>
        <translation>Sauvegardes de «&#xa0;%1&#xa0;» (dossier «&#xa0;%2&#xa0;»), les plus récentes d&apos;abord. En restaurer une remplace le fichier&#xa0;; le fichier dans son état actuel est d&apos;abord sauvegardé.</translation>
    </message>
    <message>
        <source>Which backups are kept: %1</source>
        <translation>Sauvegardes conservées : %1</translation>
    </message>
    <message>
        <source>No backup of this file yet.</source>
        <translation>Aucune sauvegarde de ce fichier pour l&apos;instant.</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>This backup is incomplete or unreadable (an empty or cut file): it cannot be restored. Choose another one.</source>
        <translation>Cette sauvegarde est incomplète ou illisible (fichier vide ou coupé) : elle ne peut pas être restaurée. Choisissez-en une autre.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>Replace « %1 » by its backup of %2 (%3 clients)?

The file as it is now is backed up first: this can be undone by restoring that backup.</source>
        <translation>Remplacer «&#xa0;%1&#xa0;» par sa sauvegarde du %2 (nombre de clients&#xa0;: %3)&#xa0;?

Le fichier dans son état actuel est d&apos;abord sauvegardé&#xa0;: vous pourrez revenir en arrière en restaurant cette sauvegarde.</translation>
    </message>
</context>
<context>
    <name>RewardsModel</name>
    <message>
        <source>Reward</source>
        <translation>Récompense</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Proposée</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>RfmDialog</name>
    <message>
        <source>RFM analysis</source>
        <translation>Analyse RFM</translation>
    </message>
    <message>
        <source>Points grid</source>
        <translation>Grille de points</translation>
    </message>
    <message>
        <source>Quantiles (scores 1 to 5)</source>
        <translation>Quantiles (notes de 1 à 5)</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Méthode&#xa0;:</translation>
    </message>
    <message>
        <source>Reference &amp;date:</source>
        <translation>&amp;Date de référence&#xa0;:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>all history</source>
        <translation>tout l&apos;historique</translation>
    </message>
    <message>
        <source>Orders counted for F and M: the days ending on the reference date (365 by default); 0 = all history</source>
        <translation>Commandes comptées pour F et M : les jours qui finissent à la date de référence (365 par défaut) ; 0 = tout l&apos;historique</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Fenêtre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>&amp;Calculer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Arrê&amp;ter</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>&amp;Résultats</translation>
    </message>
    <message>
        <source>Se&amp;gments</source>
        <translation>Se&amp;gments</translation>
    </message>
    <message>
        <source>R × F m&amp;ap</source>
        <translation>C&amp;arte R × F</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Definitions&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Recency&lt;/b&gt;: number of days between the last order (on the reference date at the latest)
and the reference date; an order on the day itself gives 0.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Frequency&lt;/b&gt;: number of orders of the window ending on the reference date
(365 days: from the date − 364 days to the date included; “whole history”: all of them).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Monetary&lt;/b&gt;: total of those same orders.&lt;/li&gt;
&lt;li&gt;Orders after the reference date are ignored; a client without any order is listed apart,
never scored; a client whose orders are all older than the window has a frequency and an amount
of 0 (it is scored).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Points grid&lt;/h3&gt;
&lt;p&gt;Each axis gives the points of the first band (4, then 3, 2, 1) that holds the value; a value
outside every band gets the “outside the grid” points (0 by default). Score = R + F + M, code
“R-F-M” (e.g. 4-3-2). For the segments, p points of the grid count as the score p + 1
(4 → 5, 0 → 1).&lt;/p&gt;
&lt;h3&gt;Quantile rule&lt;/h3&gt;
&lt;p&gt;On each axis, with n scored clients and w the number of clients strictly &lt;b&gt;worse&lt;/b&gt; on that
axis (older last order, fewer orders, smaller amount): score = 1 + the whole part of 5 × w / n,
always between 1 and 5 (5 = most recent, most frequent, biggest amount). Two equal values always
have the same score; a better value never has a lower score.&lt;/p&gt;
&lt;h3&gt;Segments&lt;/h3&gt;
&lt;p&gt;From the R and F scores (1 to 5): R 4–5: F 4–5 champions, F 3 loyal, F 2 promising,
F 1 new; R 3: F 3–5 loyal, F 1–2 need attention; R 1–2: F 3–5 at risk,
otherwise hibernating (R 2) or lost (R 1).&lt;/p&gt;
</source>
        <translation>&lt;h3&gt;Définitions&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Récence&lt;/b&gt; : nombre de jours entre la dernière commande (au plus tard à la date de
référence) et la date de référence ; une commande le jour même donne 0.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fréquence&lt;/b&gt; : nombre de commandes de la fenêtre qui finit à la date de référence
(365 jours : de la date − 364 jours à la date incluse ; « tout l&apos;historique » : toutes).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Montant&lt;/b&gt; : total de ces mêmes commandes.&lt;/li&gt;
&lt;li&gt;Les commandes postérieures à la date de référence sont ignorées ; un client sans aucune
commande est listé à part, jamais noté ; un client dont toutes les commandes sont plus
anciennes que la fenêtre a une fréquence et un montant de 0 (il est noté).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Grille de points&lt;/h3&gt;
&lt;p&gt;Chaque axe donne les points de la première tranche (4, puis 3, 2, 1) qui contient la
valeur ; une valeur hors de toutes les tranches reçoit les points « hors grille » (0 par
défaut). Score = R + F + M, code « R-F-M » (ex. 4-3-2). Pour les segments, des points
p de la grille comptent comme la note p + 1 (4 → 5, 0 → 1).&lt;/p&gt;
&lt;h3&gt;Règle des quantiles&lt;/h3&gt;
&lt;p&gt;Sur chaque axe, avec n clients notés et w le nombre de clients strictement
&lt;b&gt;moins bons&lt;/b&gt; sur cet axe (dernière commande plus ancienne, moins de commandes,
montant plus faible) : note = 1 + partie entière de 5 × w / n, toujours entre 1 et 5
(5 = plus récent, plus fréquent, plus gros montant). Deux valeurs égales ont toujours la
même note ; une meilleure valeur n&apos;a jamais une note plus basse.&lt;/p&gt;
&lt;h3&gt;Segments&lt;/h3&gt;
&lt;p&gt;Selon les notes R et F (1 à 5) : R 4–5 : F 4–5 champions, F 3 fidèles, F 2 prometteurs,
F 1 nouveaux ; R 3 : F 3–5 fidèles, F 1–2 à surveiller ; R 1–2 : F 3–5 à risque,
sinon en hibernation (R 2) ou perdus (R 1).&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>&amp;Points grid</source>
        <translation>Grille de &amp;points</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>&amp;Use for the client file</source>
        <translation>&amp;Utiliser pour le fichier clients</translation>
    </message>
    <message>
        <source>Compute the RFM code and segment of the client table&apos;s columns and filters with this method, window and grid, as of today, from now on</source>
        <translation>Calculer désormais le code et le segment RFM des colonnes et des filtres de la liste des clients avec cette méthode, cette fenêtre et cette grille, au jour le jour</translation>
    </message>
    <message>
        <source>code or name</source>
        <translation>code ou nom</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>Fi&amp;ltrer&#xa0;:</translation>
    </message>
    <message>
        <source>All segments</source>
        <translation>Tous les segments</translation>
    </message>
    <message>
        <source>Segme&amp;nt:</source>
        <translation>S&amp;egment&#xa0;:</translation>
    </message>
    <message>
        <source>Used by the points grid method. Each axis gives the points of the first band (4, then 3, 2, 1) that holds the value; « — » = no limit on that side.</source>
        <translation>Utilisée par la méthode « grille de points ». Chaque axe donne les points de la première tranche (4, puis 3, 2, 1) qui contient la valeur ; « — » = pas de limite de ce côté.</translation>
    </message>
    <message>
        <source>Recency (days)</source>
        <translation>Récence (jours)</translation>
    </message>
    <message>
        <source>Frequency (orders)</source>
        <translation>Fréquence (commandes)</translation>
    </message>
    <message>
        <source>Monetary (revenue)</source>
        <translation>Montant (chiffre d&apos;affaires)</translation>
    </message>
    <message>
        <source>From (low bound)</source>
        <translation>De (borne basse)</translation>
    </message>
    <message>
        <source>To (high bound)</source>
        <translation>À (borne haute)</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>&amp;Outside the grid:</source>
        <translation>&amp;Hors grille&#xa0;:</translation>
    </message>
    <message>
        <source> points</source>
        <translation> points</translation>
    </message>
    <message>
        <source>Default &amp;values</source>
        <translation>&amp;Valeurs par défaut</translation>
    </message>
    <message>
        <source>The settings changed: « Compute » to see their results.</source>
        <translation>Les réglages ont changé : « Calculer » pour voir leurs résultats.</translation>
    </message>
    <message>
        <source>Reading the orders…</source>
        <translation>Lecture des commandes…</translation>
    </message>
    <message>
        <source>Scoring the clients…</source>
        <translation>Notation des clients…</translation>
    </message>
    <message>
        <source>Computation stopped.</source>
        <translation>Calcul arrêté.</translation>
    </message>
    <message>
        <source>Clients without any order (listed apart, not scored): %1</source>
        <translation>Clients sans aucune commande (listés à part, non notés) : %1</translation>
    </message>
    <message>
        <source>points grid</source>
        <translation>grille de points</translation>
    </message>
    <message>
        <source>quantiles</source>
        <translation>quantiles</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>%1 clients scored on %2 (%3, window: %4).</source>
        <translation>%1 clients notés au %2 (%3, fenêtre : %4).</translation>
    </message>
    <message>
        <source>%1 of %2 clients</source>
        <translation>%1 sur %2 clients</translation>
    </message>
    <message>
        <source>R %1</source>
        <translation>R %1</translation>
    </message>
    <message>
        <source>F %1</source>
        <translation>F %1</translation>
    </message>
    <message>
        <source>R %1, F %2: %3 clients — %4</source>
        <translation>R %1, F %2 : %3 clients — %4</translation>
    </message>
    <message>
        <source>Clients per recency score (rows, most recent at the top) and frequency score (columns, most frequent on the right).</source>
        <translation>Clients par note de récence (lignes, les plus récents en haut) et de fréquence (colonnes, les plus fréquents à droite).</translation>
    </message>
    <message>
        <source>Export the RFM scores</source>
        <translation>Exporter les scores RFM</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV pour Excel (*.csv);;Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 clients exported to %2.</source>
        <translation>%1 clients exportés dans %2.</translation>
    </message>
    <message>
        <source>The client table&apos;s RFM codes and segments are now computed this way, as of today: they are being updated (see the status bar).</source>
        <translation>Les codes et segments RFM de la liste des clients sont désormais calculés ainsi, au jour le jour : leur mise à jour est en cours (voir la barre d&apos;état).</translation>
    </message>
</context>
<context>
    <name>RfmResultModel</name>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Recency (days)</source>
        <translation>Récence (jours)</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>RFM code</source>
        <translation>Code RFM</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Days from the last order to the reference date</source>
        <translation>Jours entre la dernière commande et la date de référence</translation>
    </message>
    <message>
        <source>Recency points</source>
        <translation>Points de récence</translation>
    </message>
    <message>
        <source>Orders in the window</source>
        <translation>Commandes de la fenêtre</translation>
    </message>
    <message>
        <source>Frequency points</source>
        <translation>Points de fréquence</translation>
    </message>
    <message>
        <source>Amount of the orders in the window</source>
        <translation>Montant des commandes de la fenêtre</translation>
    </message>
    <message>
        <source>Monetary points</source>
        <translation>Points de montant</translation>
    </message>
    <message>
        <source>R + F + M</source>
        <translation>R + F + M</translation>
    </message>
</context>
<context>
    <name>RightsDialog</name>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>Effacement</translation>
    </message>
    <message>
        <source>Opposition</source>
        <translation>Opposition</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Échéance proche</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Traitée</translation>
    </message>
    <message>
        <source>Rights requests</source>
        <translation>Demandes de droits</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>&amp;Nouvelle demande…</translation>
    </message>
    <message>
        <source>Mark as &amp;answered</source>
        <translation>Marquer comme &amp;traitée</translation>
    </message>
    <message>
        <source>A request must be answered within one month of its reception (GDPR art. 12).</source>
        <translation>Une demande doit recevoir une réponse dans le mois qui suit sa réception (RGPD, art.&#xa0;12).</translation>
    </message>
    <message>
        <source>No request is late or due soon.</source>
        <translation>Aucune demande en retard ni à échéance proche.</translation>
    </message>
    <message>
        <source>1 rights request overdue</source>
        <translation>1 demande de droits en retard</translation>
    </message>
    <message>
        <source>%1 rights requests overdue</source>
        <translation>%1 demandes de droits en retard</translation>
    </message>
    <message>
        <source>1 due within %2 days</source>
        <translation>1 à traiter sous %2 jours</translation>
    </message>
    <message>
        <source>%1 due within %2 days</source>
        <translation>%1 à traiter sous %2 jours</translation>
    </message>
</context>
<context>
    <name>SegmentModel</name>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Recommended action</source>
        <translation>Action recommandée</translation>
    </message>
</context>
<context>
    <name>ShareTableModel</name>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
</context>
<context>
    <name>SmtpSettings</name>
    <message>
        <source>Password of %1:</source>
        <translation>Mot de passe de %1&#xa0;:</translation>
    </message>
    <message>
        <source>E-mail account</source>
        <translation>Compte e-mail</translation>
    </message>
    <message>
        <source>E-mail account (SMTP)</source>
        <translation>Compte d&apos;envoi (SMTP)</translation>
    </message>
    <message>
        <source>The account crmdesk sends e-mails with: the one of your mail program (your provider gives these settings). The password is kept in the system&apos;s keyring, never in the client file.</source>
        <translation>Le compte avec lequel crmdesk envoie les e-mails&#xa0;: celui de votre messagerie (votre fournisseur donne ces réglages). Le mot de passe est gardé dans le trousseau du système, jamais dans le fichier clients.</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rveur&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;écurité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Sender &amp;address:</source>
        <translation>&amp;Adresse de l&apos;expéditeur&#xa0;:</translation>
    </message>
    <message>
        <source>Sender &amp;name:</source>
        <translation>&amp;Nom de l&apos;expéditeur&#xa0;:</translation>
    </message>
    <message>
        <source>At &amp;most:</source>
        <translation>A&amp;u plus&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>A password is kept in the system&apos;s keyring for this account: leave the field empty to keep it.</source>
        <translation>Un mot de passe est gardé dans le trousseau du système pour ce compte&#xa0;: laissez le champ vide pour le garder.</translation>
    </message>
    <message>
        <source>Type the server&apos;s name first.</source>
        <translation>Tapez d&apos;abord le nom du serveur.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Customer statuses</source>
        <translation>Statuts clients</translation>
    </message>
    <message>
        <source>A client gets the highest status (Premium first) whose every counted criterion it meets, over the 365 days ending today (the statuses are recomputed each day); otherwise it is « outside the grid ».</source>
        <translation>Un client reçoit le statut le plus élevé (Premium d&apos;abord) dont il remplit chaque critère retenu, sur les 365 jours qui finissent aujourd&apos;hui (les statuts sont recalculés chaque jour) ; sinon il est « hors grille ».</translation>
    </message>
    <message>
        <source>Counted criteria</source>
        <translation>Critères comptés</translation>
    </message>
    <message>
        <source>&amp;Annual revenue</source>
        <translation>&amp;Chiffre d&apos;affaires annuel</translation>
    </message>
    <message>
        <source>Ord&amp;ers per year</source>
        <translation>Co&amp;mmandes par an</translation>
    </message>
    <message>
        <source>Se&amp;niority</source>
        <translation>A&amp;ncienneté</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d&apos;affaires annuel</translation>
    </message>
    <message>
        <source>Orders per year</source>
        <translation>Commandes par an</translation>
    </message>
    <message>
        <source>Seniority (years)</source>
        <translation>Ancienneté (années)</translation>
    </message>
    <message>
        <source>&amp;Premium</source>
        <translation>&amp;Premium</translation>
    </message>
    <message>
        <source>Ac&amp;tive</source>
        <translation>Ac&amp;tif</translation>
    </message>
    <message>
        <source>&amp;Standard</source>
        <translation>&amp;Standard</translation>
    </message>
    <message>
        <source>&amp;Occasional</source>
        <translation>&amp;Occasionnel</translation>
    </message>
    <message>
        <source>From (low bound)</source>
        <translation>De (borne basse)</translation>
    </message>
    <message>
        <source>To (high bound)</source>
        <translation>À (borne haute)</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>&amp;Valeurs par défaut</translation>
    </message>
    <message>
        <source> (not counted)</source>
        <translation> (non compté)</translation>
    </message>
</context>
<context>
    <name>SurveysTab</name>
    <message>
        <source>New %1 answer</source>
        <translation>Nouvelle réponse %1</translation>
    </message>
    <message>
        <source>Edit %1 answer of %2</source>
        <translation>Modifier la réponse %1 du %2</translation>
    </message>
    <message>
        <source>Delete %1 answer of %2</source>
        <translation>Supprimer la réponse %1 du %2</translation>
    </message>
    <message>
        <source>This answer no longer exists.</source>
        <translation>Cette réponse n&apos;existe plus.</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>No survey answer yet.</source>
        <translation>Aucune réponse d&apos;enquête pour l&apos;instant.</translation>
    </message>
    <message>
        <source>CSAT: %1 (n = %2)</source>
        <translation>CSAT&#xa0;: %1 (n = %2)</translation>
    </message>
    <message>
        <source>NPS: %1 (n = %2)</source>
        <translation>NPS&#xa0;: %1 (n = %2)</translation>
    </message>
    <message>
        <source>CES: %1 out of 7 (n = %2)</source>
        <translation>CES&#xa0;: %1 sur 7 (n = %2)</translation>
    </message>
    <message>
        <source>Delete the %1 answer of %2 (score %3)?</source>
        <translation>Supprimer la réponse %1 du %2 (note %3)&#xa0;?</translation>
    </message>
    <message>
        <source>Delete a survey answer</source>
        <translation>Supprimer une réponse d&apos;enquête</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV pour Excel (*.csv)</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>dd/mm/yyyy or dd/mm/yyyy hh:mm</source>
        <translation>jj/mm/aaaa ou jj/mm/aaaa hh:mm</translation>
    </message>
    <message>
        <source>Type part of a name, then pick the client</source>
        <translation>Tapez une partie du nom, puis choisissez le client</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Échéance&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Client&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Rep:</source>
        <translation>Co&amp;mmercial&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes&#xa0;:</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>S&amp;top</source>
        <translation>Arrê&amp;ter</translation>
    </message>
    <message>
        <source>%1 / %2 rows written</source>
        <translation>%1 / %2 lignes écrites</translation>
    </message>
    <message>
        <source>%1 rows read</source>
        <translation>%1 lignes lues</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Done</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Commercial</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>To do</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Courrier / e-mail</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Reorder reminder</source>
        <translation>Relance de commande</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Points de fidélité</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Letter templates</source>
        <translation>Modèles de lettres</translation>
    </message>
    <message>
        <source>Save the changes to “%1”?</source>
        <translation>Enregistrer les modifications de « %1 »&#xa0;?</translation>
    </message>
    <message>
        <source>Delete a template</source>
        <translation>Supprimer un modèle</translation>
    </message>
    <message>
        <source>Delete the template “%1”? The mailings made with it keep its name.</source>
        <translation>Supprimer le modèle « %1 »&#xa0;? Les envois faits avec lui gardent son nom.</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>the “Subject:” line of a letter, an e-mail&apos;s subject</source>
        <translation>la ligne « Objet&#xa0;: » d&apos;une lettre, l&apos;objet d&apos;un e-mail</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;om&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>O&amp;bjet&#xa0;:</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Italique</translation>
    </message>
    <message>
        <source>The letterhead, the recipient&apos;s address (NF Z10-011) and the date are added to every letter.</source>
        <translation>L&apos;en-tête, l&apos;adresse du destinataire (NF Z10-011) et la date s&apos;ajoutent à chaque lettre.</translation>
    </message>
    <message>
        <source>&amp;Insert the field</source>
        <translation>&amp;Insérer le champ</translation>
    </message>
    <message>
        <source>Merge &amp;fields:</source>
        <translation>Champs de &amp;fusion&#xa0;:</translation>
    </message>
    <message>
        <source>Client no.</source>
        <translation>N° client</translation>
    </message>
    <message>
        <source>Pre&amp;view for:</source>
        <translation>Aperçu &amp;pour&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;PDF preview…</source>
        <translation>Aperçu P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Nouveau modèle</translation>
    </message>
    <message>
        <source>No client “%1”</source>
        <translation>Aucun client « %1 »</translation>
    </message>
    <message>
        <source>Empty for this client (left blank in the letter): %1</source>
        <translation>Vide pour ce client (laissé en blanc dans la lettre)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Every field is filled for this client.</source>
        <translation>Tous les champs sont remplis pour ce client.</translation>
    </message>
    <message>
        <source>Letter “%1” for %2</source>
        <translation>Lettre « %1 » pour %2</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Indicator thresholds</source>
        <translation>Seuils des indicateurs</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>out of 7</source>
        <translation>sur 7</translation>
    </message>
    <message>
        <source>Satisfaction surveys</source>
        <translation>Enquêtes de satisfaction</translation>
    </message>
    <message>
        <source>&amp;CSAT, share of satisfied answers (4–5):</source>
        <translation>&amp;CSAT, part de réponses satisfaites (4–5)&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;NPS, promoters − detractors:</source>
        <translation>&amp;NPS, promoteurs − détracteurs&#xa0;:</translation>
    </message>
    <message>
        <source>CE&amp;S, mean effort (lower is better):</source>
        <translation>CE&amp;S, effort moyen (plus bas = mieux)&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;etention rate:</source>
        <translation>Taux de r&amp;étention&#xa0;:</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>Boutique en ligne</translation>
    </message>
    <message>
        <source>C&amp;onversion rate (purchases / visitors):</source>
        <translation>Taux de c&amp;onversion (achats / visiteurs)&#xa0;:</translation>
    </message>
    <message>
        <source>Cart &amp;abandonment rate (lower is better):</source>
        <translation>Taux d&apos;&amp;abandon de panier (plus bas = mieux)&#xa0;:</translation>
    </message>
    <message>
        <source>Social networks</source>
        <translation>Réseaux sociaux</translation>
    </message>
    <message>
        <source>En&amp;gagement rate, any network:</source>
        <translation>Taux d&apos;en&amp;gagement, tous réseaux&#xa0;:</translation>
    </message>
    <message>
        <source>Engagement rate on %1:</source>
        <translation>Taux d&apos;engagement sur %1&#xa0;:</translation>
    </message>
    <message>
        <source>Each indicator is compared with the threshold of your sector (e.g. food wholesale). An empty field: no threshold.</source>
        <translation>Chaque indicateur est comparé au seuil de votre secteur (par exemple le commerce de gros alimentaire). Un champ vide&#xa0;: pas de seuil.</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>&amp;Rétablir les valeurs par défaut</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>par défaut&#xa0;: %1</translation>
    </message>
    <message>
        <source>general</source>
        <translation>général</translation>
    </message>
    <message>
        <source>default: the threshold for any network</source>
        <translation>par défaut&#xa0;: le seuil de tous les réseaux</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields framed in red.</source>
        <translation>Rien n&apos;a été enregistré&#xa0;: corrigez les champs encadrés en rouge.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Phase / date</source>
        <translation>Étape / date</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Échange</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>Réponse d&apos;enquête</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Sortant</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>&amp;Add an exchange…</source>
        <translation>&amp;Ajouter un échange…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>New &amp;task…</source>
        <translation>Nouvelle &amp;tâche…</translation>
    </message>
    <message>
        <source>Delete the exchange of %1 « %2 »?</source>
        <translation>Supprimer l&apos;échange du %1 «&#xa0;%2&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Delete an exchange</source>
        <translation>Supprimer un échange</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>&amp;Nouvelle tâche…</translation>
    </message>
    <message>
        <source>&amp;Agenda…</source>
        <translation>&amp;Agenda…</translation>
    </message>
    <message>
        <source>&amp;Reminders…</source>
        <translation>&amp;Relances…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Tasks on %1</source>
        <translation>Tâches au %1</translation>
    </message>
    <message>
        <source>Overdue (%1)</source>
        <translation>En retard (%1)</translation>
    </message>
    <message>
        <source>Today (%1)</source>
        <translation>Aujourd&apos;hui (%1)</translation>
    </message>
    <message>
        <source>This week (%1)</source>
        <translation>Cette semaine (%1)</translation>
    </message>
    <message>
        <source>— the first %1 shown</source>
        <translation>— les %1 premières affichées</translation>
    </message>
    <message>
        <source>&amp;Today…</source>
        <translation>&amp;Aujourd&apos;hui…</translation>
    </message>
    <message>
        <source>Tasks and reminders overdue, due today and this week</source>
        <translation>Tâches et relances en retard, du jour et de la semaine</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>&amp;Empty the trash…</source>
        <translation>&amp;Vider la corbeille…</translation>
    </message>
    <message>
        <source>Delete every client of the trash for good</source>
        <translation>Supprimer définitivement tous les clients de la corbeille</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>La corbeille est vide.</translation>
    </message>
    <message>
        <source>%1 in the trash. Select one or more, then « Restore ».</source>
        <translation>%1 dans la corbeille. Sélectionnez-en un ou plusieurs, puis «&#xa0;Restaurer&#xa0;».</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clients</translation>
    </message>
    <message>
        <source>To make such a person anonymous, restore them, then use GDPR › Anonymise the client.</source>
        <translation>Pour anonymiser une telle personne, restaurez-la, puis utilisez RGPD › Anonymiser le client.</translation>
    </message>
    <message>
        <source>Empty the trash</source>
        <translation>Vider la corbeille</translation>
    </message>
    <message>
        <source>Nothing can be deleted for good: every client in the trash has orders, complaints or home parties, which must be kept.</source>
        <translation>Rien ne peut être supprimé définitivement&#xa0;: chaque client de la corbeille a des commandes, des réclamations ou des réunions, qui doivent être conservées.</translation>
    </message>
    <message>
        <source>1 client will be deleted for good, with their exchanges, tasks and loyalty points. This cannot be undone.</source>
        <translation>1 client sera supprimé définitivement, avec ses échanges, tâches et points de fidélité. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>%1 clients will be deleted for good, with their exchanges, tasks and loyalty points. This cannot be undone.</source>
        <translation>%1 clients seront supprimés définitivement, avec leurs échanges, tâches et points de fidélité. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>1 client will stay in the trash: their orders, complaints or home parties must be kept.</source>
        <translation>1 client restera dans la corbeille&#xa0;: ses commandes, réclamations ou réunions doivent être conservées.</translation>
    </message>
    <message>
        <source>%1 clients will stay in the trash: their orders, complaints or home parties must be kept.</source>
        <translation>%1 clients resteront dans la corbeille&#xa0;: leurs commandes, réclamations ou réunions doivent être conservées.</translation>
    </message>
    <message>
        <source>1 client deleted for good.</source>
        <translation>1 client supprimé définitivement.</translation>
    </message>
    <message>
        <source>%1 clients deleted for good.</source>
        <translation>%1 clients supprimés définitivement.</translation>
    </message>
    <message>
        <source>1 client kept in the trash (orders, complaints or home parties).</source>
        <translation>1 client gardé dans la corbeille (commandes, réclamations ou réunions).</translation>
    </message>
    <message>
        <source>%1 clients kept in the trash (orders, complaints or home parties).</source>
        <translation>%1 clients gardés dans la corbeille (commandes, réclamations ou réunions).</translation>
    </message>
</context>
<context>
    <name>TrashModel</name>
    <message>
        <source>Deleted on</source>
        <translation>Supprimé le</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Clients and revenue by status (share in %)</source>
        <translation>Clients et CA par statut (part en %)</translation>
    </message>
    <message>
        <source>Revenue per month</source>
        <translation>CA par mois</translation>
    </message>
    <message>
        <source>Revenue by product category</source>
        <translation>CA par catégorie de produits</translation>
    </message>
    <message>
        <source>Revenue by region</source>
        <translation>CA par région</translation>
    </message>
    <message>
        <source>Revenue by sales rep / ambassador</source>
        <translation>CA par commercial / ambassadrice</translation>
    </message>
    <message>
        <source>Clients per RFM segment</source>
        <translation>Clients par segment RFM</translation>
    </message>
    <message>
        <source>Clients per recency (R) and frequency (F) score</source>
        <translation>Clients par note de récence (R) et de fréquence (F)</translation>
    </message>
    <message>
        <source>Retention and attrition</source>
        <translation>Rétention et attrition</translation>
    </message>
    <message>
        <source>Complaints per month by kind, share closed in time</source>
        <translation>Réclamations par mois et par type, part traitée dans les délais</translation>
    </message>
    <message>
        <source>CSAT: satisfied customers</source>
        <translation>CSAT&#xa0;: clients satisfaits</translation>
    </message>
    <message>
        <source>NPS: net promoter score</source>
        <translation>NPS&#xa0;: recommandation nette</translation>
    </message>
    <message>
        <source>CES: customer effort (lower is better)</source>
        <translation>CES&#xa0;: effort client (plus bas = mieux)</translation>
    </message>
    <message>
        <source>Web shop: conversion, transformation, cart abandonment</source>
        <translation>Boutique en ligne&#xa0;: conversion, transformation, abandon de panier</translation>
    </message>
    <message>
        <source>Social networks: engagement rate against the objective</source>
        <translation>Réseaux sociaux&#xa0;: taux d&apos;engagement face à l&apos;objectif</translation>
    </message>
    <message>
        <source>No data for this period</source>
        <translation>Aucune donnée sur cette période</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clients</translation>
    </message>
    <message>
        <source>1 order</source>
        <translation>1 commande</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 commandes</translation>
    </message>
    <message>
        <source>%1: %2 (%3 of the clients with a status)
revenue %4 (%5 of their revenue)</source>
        <translation>%1&#xa0;: %2 (%3 des clients avec un statut)
CA %4 (%5 de leur CA)</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>statut %1</translation>
    </message>
    <message>
        <source>Share in volume (clients)</source>
        <translation>Part en volume (clients)</translation>
    </message>
    <message>
        <source>Share in value (revenue)</source>
        <translation>Part en valeur (CA)</translation>
    </message>
    <message>
        <source>%1: %2
%3, %4</source>
        <translation>%1&#xa0;: %2
%3, %4</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>%1 others</source>
        <translation>%1 autres</translation>
    </message>
    <message>
        <source>%1: %2 (%3 of the period&apos;s revenue), %4</source>
        <translation>%1&#xa0;: %2 (%3 du CA de la période), %4</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>région %1</translation>
    </message>
    <message>
        <source>sales rep %1</source>
        <translation>commercial %1</translation>
    </message>
    <message>
        <source>bought « %1 » in %2</source>
        <translation>achats «&#xa0;%1&#xa0;» en %2</translation>
    </message>
    <message>
        <source>No RFM segment saved: Analysis &gt; RFM analysis…</source>
        <translation>Aucun segment RFM enregistré&#xa0;: Analyse › Analyse RFM…</translation>
    </message>
    <message>
        <source>%1: %2 (%3)
%4</source>
        <translation>%1&#xa0;: %2 (%3)
%4</translation>
    </message>
    <message>
        <source>RFM segment %1</source>
        <translation>segment RFM %1</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>R %1 × F %2: %3
segment %4</source>
        <translation>R %1 × F %2&#xa0;: %3
segment %4</translation>
    </message>
    <message>
        <source>RFM cell R %1 × F %2</source>
        <translation>case RFM R %1 × F %2</translation>
    </message>
    <message>
        <source>%1 of the %2 clients of the period before bought again (%3 lost)</source>
        <translation>%1 des %2 clients de la période précédente ont racheté (%3 perdus)</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Rétention</translation>
    </message>
    <message>
        <source>Attrition</source>
        <translation>Attrition</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>seuil %1</translation>
    </message>
    <message>
        <source>No complaint over these months</source>
        <translation>Aucune réclamation sur ces mois</translation>
    </message>
    <message>
        <source>closed in time</source>
        <translation>traitées dans les délais</translation>
    </message>
    <message>
        <source>Recency (R)</source>
        <translation>Récence (R)</translation>
    </message>
    <message>
        <source>Frequency (F)</source>
        <translation>Fréquence (F)</translation>
    </message>
    <message>
        <source>day %1 of %2</source>
        <translation>jour %1 sur %2</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>(in progress: %1)</source>
        <translation>(en cours&#xa0;: %1)</translation>
    </message>
    <message>
        <source>target 100 %</source>
        <translation>objectif 100&#xa0;%</translation>
    </message>
    <message>
        <source>%1, %2: %3 of %4 complaints
closed in time: %5</source>
        <translation>%1, %2&#xa0;: %3 sur %4 réclamations
traitées dans les délais&#xa0;: %5</translation>
    </message>
    <message>
        <source>complaints « %1 » received in %2</source>
        <translation>réclamations «&#xa0;%1&#xa0;» reçues en %2</translation>
    </message>
    <message>
        <source>CSAT (% of answers 4–5)</source>
        <translation>CSAT (% de réponses 4–5)</translation>
    </message>
    <message>
        <source>NPS (points)</source>
        <translation>NPS (points)</translation>
    </message>
    <message>
        <source>CES (mean effort, 1 to 7)</source>
        <translation>CES (effort moyen, 1 à 7)</translation>
    </message>
    <message>
        <source>%1 (%2 answers)</source>
        <translation>%1 (%2 réponses)</translation>
    </message>
    <message>
        <source>No survey answer over these periods</source>
        <translation>Aucune réponse d&apos;enquête sur ces périodes</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Transformation</source>
        <translation>Transformation</translation>
    </message>
    <message>
        <source>Cart abandonment</source>
        <translation>Abandon de panier</translation>
    </message>
    <message>
        <source>No web figures: Analysis &gt; Digital indicators…</source>
        <translation>Aucun chiffre du site&#xa0;: Analyse › Indicateurs numériques…</translation>
    </message>
    <message>
        <source>No social network figures: Analysis &gt; Digital indicators…</source>
        <translation>Aucun chiffre des réseaux sociaux&#xa0;: Analyse › Indicateurs numériques…</translation>
    </message>
    <message>
        <source>%1, %2: engagement %3 (objective %4)
reach %5 of the objective</source>
        <translation>%1, %2&#xa0;: engagement %3 (objectif %4)
portée %5 de l&apos;objectif</translation>
    </message>
    <message>
        <source>Engagement rate, %1</source>
        <translation>Taux d&apos;engagement, %1</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Clients with a status</source>
        <translation>Clients avec un statut</translation>
    </message>
    <message>
        <source>Complaints received</source>
        <translation>Réclamations reçues</translation>
    </message>
    <message>
        <source>Closed in time</source>
        <translation>Traitées dans les délais</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>CES</source>
        <translation>CES</translation>
    </message>
    <message>
        <source>%1 (in progress)</source>
        <translation>%1 (en cours)</translation>
    </message>
</context>
</TS>
