"""Demo knowledge base: the program's resource topics as guides written for Magellan (synthetic
authorship: the demo's coaches), some public, some for members only, one draft, several with
revisions and a change note, and a few used by the demo's past sessions.

On the help desk's demo: a guide used by an open request, a resolved request its author turned into a
draft guide, another whose author consented to a coach doing it. Deterministic, through the resources
services. Called by load_demo(); does nothing when guides
exist already.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from magellan.directory.models import Expertise, Person, PhaseKind, Role
from magellan.helpdesk.models import HelpRequest
from magellan.helpdesk.models import Status as RequestStatus
from magellan.program.models import Session, SessionStatus
from magellan.resources import services
from magellan.resources.models import Guide

VALIDATE, CONCEPT, VALUE, AMPLIFY = (
    PhaseKind.VALIDATE,
    PhaseKind.PROVE_CONCEPT,
    PhaseKind.PROVE_VALUE,
    PhaseKind.AMPLIFY,
)


@dataclass(frozen=True)
class Edit:
    """A later revision: a text replaced in the body, and the change note."""

    old: str
    new: str
    note: str


@dataclass(frozen=True)
class Seed:
    title: str
    summary: str
    body: str
    phases: tuple[int, ...]
    expertises: tuple[str, ...] = ()
    visibility: str = "public"
    published: bool = True
    links: tuple[tuple[str, str], ...] = ()
    edits: tuple[Edit, ...] = field(default_factory=tuple)


ACCESSIBILITY = """\
Un service public numérique doit pouvoir être utilisé par toutes et tous, y compris par les \
personnes qui naviguent au clavier, avec un lecteur d’écran, une loupe ou des sous-titres. \
C’est une obligation légale (article 47 de la loi du 11 février 2005) et, surtout, une question \
d’égalité devant le service public.

## Le cadre : le RGAA

Le référentiel général d’amélioration de l’accessibilité (RGAA) traduit les règles \
internationales WCAG en critères vérifiables : une centaine de critères, regroupés en \
thématiques (images, couleurs, formulaires, navigation, structure…). Un audit mesure le taux de \
critères respectés ; en dessous de 50 %, le service est « non conforme », entre 50 et 100 % \
« partiellement conforme ». Le site doit publier une **déclaration d’accessibilité** et \
indiquer son état de conformité dès la page d’accueil.

## Ce qui coûte peu quand on s’y prend tôt

- Utiliser le système de design de l’État (DSFR) : ses composants sont conçus pour être \
accessibles, à condition de ne pas les détourner.
- Structurer les pages : un seul titre de niveau 1, des intertitres dans l’ordre, des listes \
pour ce qui est une liste.
- Donner un nom à chaque champ de formulaire et des messages d’erreur qui disent quoi corriger.
- Ne jamais porter une information par la seule couleur ; vérifier les contrastes.
- Tout faire au clavier : la touche Tab doit parcourir la page dans un ordre logique, avec un \
focus visible.
- Décrire les images qui informent, marquer comme décoratives celles qui n’informent pas.

## Ce qui coûte cher quand on s’y prend tard

Un tableau de bord fait de graphiques sans alternative, une carte interactive sans liste \
équivalente, un parcours qui dépend du glisser-déposer. Prévoyez dès la conception une version \
textuelle de chaque visualisation (un tableau de données suffit souvent).

## Tester pour de vrai

Les outils automatiques trouvent une partie des erreurs seulement. Naviguez vous-même au \
clavier, essayez un lecteur d’écran (NVDA sous Windows, VoiceOver sur Mac), zoomez à 200 %. \
Le mieux reste d’inviter des personnes en situation de handicap à vos tests utilisateurs : \
elles verront en dix minutes ce qu’un audit formel ne dit pas.
"""

ALGORITHMS = """\
Quand une administration prend une décision individuelle en s’appuyant sur un traitement \
algorithmique (calcul d’une aide, affectation, priorisation d’un contrôle), la personne \
concernée a le droit de le savoir et de comprendre comment. La loi pour une République \
numérique de 2016 l’a inscrit dans le code des relations entre le public et l’administration.

## Ce que la loi demande

- **Une mention explicite** sur la décision : elle indique qu’un traitement algorithmique a été \
utilisé, sa finalité, et le droit d’obtenir des explications.
- **Des explications sur demande** : le degré et le mode de contribution du traitement à la \
décision, les données traitées et leurs sources, les paramètres et leur pondération appliqués \
à la situation de la personne, les opérations effectuées.
- **Une publication en ligne** : les administrations de plus de cinquante agents publient les \
règles des principaux traitements utilisés pour prendre des décisions individuelles.

Le code source d’un logiciel développé par une administration est en outre un document \
administratif communicable.

## Comment s’y préparer dans un défi

1. Dès la phase de conception, tenez un **inventaire** des règles et des modèles qui \
interviennent dans une décision, même en partie.
2. Écrivez une **fiche de transparence** pour chacun : à quoi il sert, quelles données il lit, \
comment il pèse dans la décision, qui peut le modifier, comment il est évalué.
3. Faites-la relire par les agents qui utilisent l’outil : s’ils ne comprennent pas la fiche, le \
public ne la comprendra pas non plus.
4. Prévoyez, dans l’interface, l’endroit où l’agent peut **expliquer une décision** à l’usager \
(les critères qui ont joué pour ce dossier).

## Les pièges fréquents

Un score « d’aide à la décision » que les agents suivent toujours devient de fait une \
décision : il doit être expliqué comme tel. Un modèle d’apprentissage automatique impossible à \
expliquer simplement n’est pas toujours le bon choix ; une règle lisible, un peu moins précise, \
sert souvent mieux l’usager et l’administration. Enfin, mesurez les écarts de traitement entre \
groupes d’usagers avant la mise en service, et pas seulement après une plainte.
"""

DESIGN = """\
Le design de services ne commence pas par des écrans mais par des personnes : celles qui \
utiliseront le service, et les agents qui le feront vivre. Son but est de résoudre le bon \
problème avant de bien résoudre un problème.

## Comprendre avant de proposer

- **Observer** : passez une demi-journée au guichet, au centre d’appels, sur le terrain. Notez \
ce que les gens font, pas seulement ce qu’ils disent.
- **Mener des entretiens** : une heure, une personne, des questions ouvertes (« Racontez-moi la \
dernière fois que… »). Six à huit entretiens font déjà apparaître les grandes tendances.
- **Cartographier le parcours** : chaque étape, chaque document demandé, chaque attente, chaque \
moment où l’usager abandonne ou appelle pour comprendre.

## Décider avec les équipes

Partagez ce que vous avez appris sous une forme courte : trois à cinq constats, chacun illustré \
par une citation ou une observation. Choisissez ensemble un problème à traiter en priorité et \
formulez-le comme une question : « Comment permettre à une personne qui déménage de prévenir \
une seule fois ? ».

## Concevoir, tester, recommencer

Esquissez plusieurs solutions avant d’en choisir une. Testez-les tôt avec de vrais usagers, y \
compris des personnes peu à l’aise avec le numérique et des personnes en situation de handicap. \
Un test utile dure trente minutes, donne une tâche précise et consiste surtout à se taire et à \
regarder.

## Les repères communs

Les sites de l’État utilisent le système de design de l’État (DSFR) : cela évite de réinventer \
les composants et garantit une base accessible et reconnaissable. Le langage compte autant que \
l’interface : des mots simples, des phrases courtes, le vocabulaire des usagers plutôt que celui \
des textes réglementaires.

## Ce que le design n’est pas

Ce n’est ni une étape de décoration à la fin, ni le travail d’une seule personne : les \
développeurs, les agents métier et les responsables du défi participent aux entretiens et aux \
tests. C’est le meilleur moyen qu’ils partagent la même image du problème.
"""

DOCUMENTATION = """\
Un produit numérique public doit survivre au départ de celles et ceux qui l’ont construit. Les \
EIG partent au bout de dix mois : la documentation est ce qui reste quand l’équipe change.

## Quatre documentations, quatre lecteurs

- **Pour commencer** (tutoriel) : installer le projet et faire un premier changement, pas à \
pas, en moins d’une heure.
- **Pour faire** (guides pratiques) : déployer, restaurer une sauvegarde, ajouter un champ, \
renouveler un certificat.
- **Pour vérifier** (référence) : les paramètres, les commandes, le modèle de données, l’API.
- **Pour comprendre** (explications) : pourquoi l’architecture est ainsi, quelles options ont \
été écartées et pourquoi.

Mélanger ces quatre genres dans un même document le rend difficile à lire pour chacun.

## Le minimum, dès la première semaine

1. Un `README` qui dit ce qu’est le projet, à qui il sert, comment le lancer, comment le tester.
2. Un fichier `LICENSE` et un fichier qui explique comment contribuer.
3. Un dossier de **décisions d’architecture** : une page courte par décision (le contexte, le \
choix, ses conséquences), datée, jamais réécrite — on en ajoute une nouvelle qui la remplace.
4. Une page « exploitation » : où tourne le service, qui appeler, comment redémarrer.

## Écrire pour être lu

Une phrase, une idée. Des exemples que l’on peut copier. Des titres qui répondent à une \
question (« Comment ajouter une administration ? »). Datez ce qui vieillit vite. Relisez la \
documentation en suivant ses instructions sur une machine vierge : c’est le seul test qui compte.

## La garder à jour

La documentation vit dans le même dépôt que le code, et se relit dans la même demande de \
fusion : un changement qui modifie un comportement modifie aussi sa documentation. Des tests \
peuvent y aider, par exemple en vérifiant que chaque paramètre est décrit. Programmez enfin une \
séance de passation avant la fin du programme : la personne qui reprend le projet suit la \
documentation devant vous, et chaque hésitation devient une correction.
"""

INCLUSIVE_WRITING = """\
Écrire de façon inclusive, c’est faire en sorte que chaque personne se sente concernée par un \
texte et puisse le comprendre. Pour un service public, cela recouvre deux exigences : ne pas \
exclure par le genre, et ne pas exclure par la complexité.

## Représenter femmes et hommes

Plusieurs procédés existent ; le plus sûr est de les combiner avec mesure.

- **Les termes épicènes**, identiques au masculin et au féminin : « les membres », « les \
personnes », « l’équipe », « le public », « les responsables ».
- **Les formulations neutres** : « la direction » plutôt que « le directeur », « rédigé par » \
plutôt que « auteur ».
- **La double flexion** : « les candidates et les candidats ». Claire, mais longue si on la \
répète à chaque phrase.
- **Les noms de métiers et de fonctions au féminin** quand on parle d’une femme : « la cheffe \
de projet », « la directrice », « l’ingénieure ».
- **Le point médian** (« les usager·es ») : compact, mais mal lu par certains lecteurs d’écran \
et difficile pour les personnes dyslexiques ou qui apprennent le français. Réservez-le aux \
espaces contraints (une étiquette, un tableau) et n’en mettez jamais plusieurs dans un mot.

Les textes officiels destinés au Journal officiel suivent des règles particulières : \
renseignez-vous auprès du service juridique avant de rédiger un arrêté ou une circulaire.

## Être compris de toutes et tous

- Des phrases courtes, au présent, à la voix active : « Envoyez votre justificatif avant le \
15 mars » plutôt que « Le justificatif devra avoir été transmis… ».
- Les mots de l’usager plutôt que ceux de l’administration : « votre adresse » plutôt que \
« votre domiciliation ».
- Un sigle développé à sa première apparition.
- Une information importante par paragraphe, annoncée par un titre.

Pour les publics qui en ont besoin, la méthode « facile à lire et à comprendre » (FALC) va plus \
loin, et se conçoit avec les personnes concernées.

## Vérifier

Faites lire le texte à quelqu’un qui ne connaît pas le sujet, et demandez-lui de le résumer. \
Écoutez-le avec un lecteur d’écran. Si une phrase doit être relue pour être comprise, \
réécrivez-la.
"""

ONBOARDING = """\
Les premières semaines décident souvent de la réussite d’un défi. Une équipe EIG bien accueillie \
commence à être utile en un mois ; mal accueillie, elle passe le premier trimestre à attendre \
des accès. Ce guide s’adresse aux porteurs et porteuses de défi et à leurs équipes.

## Avant l’arrivée

- **Les moyens de travailler** : poste de travail, comptes de messagerie, badge, accès au \
réseau. Demandez-les un mois avant : les délais sont presque toujours plus longs que prévu.
- **Les accès aux données** : identifiez les jeux de données nécessaires, les personnes qui \
peuvent autoriser l’accès, et les démarches à prévoir (convention, analyse d’impact relative à \
la protection des données si des données personnelles sont en jeu).
- **Un environnement de développement** où les EIG peuvent installer leurs outils : c’est la \
demande la plus fréquente, et la plus bloquante quand elle traîne.

## La première semaine

1. Une présentation de l’administration, de son organisation et de ses priorités, par une \
personne de la direction.
2. Des rencontres avec les agents qui vivent le problème au quotidien : un guichet, un service \
instructeur, une équipe de terrain.
3. Un point avec la direction informatique : ses règles, ses contraintes, ses interlocuteurs.
4. Un **binôme interne** désigné, qui répond aux questions pratiques (« à qui demander… ? »).

## Le premier mois

Fixez des rituels courts et réguliers : un point hebdomadaire avec le porteur ou la porteuse du \
défi, une démonstration toutes les deux ou trois semaines ouverte aux agents intéressés. \
Proposez aux EIG de rédiger un **rapport d’étonnement** au bout de trois semaines : ce qui les a \
surpris, ce qui freine, ce qui marche. C’est un regard neuf qu’on ne retrouvera plus.

## Les erreurs à éviter

Attendre que tout soit prêt pour accueillir l’équipe ; l’isoler dans un bureau à l’écart des \
métiers ; lui demander un cahier des charges complet avant d’avoir rencontré les usagers. \
Enfin, le programme n’est pas une prestation : les EIG sont des agents publics à part entière, \
et réussissent quand l’administration s’implique avec eux.
"""

LICENCES = """\
Publier un logiciel ou des données ne suffit pas : sans licence, personne ne sait ce qu’il a le \
droit d’en faire. Le choix de la licence se fait dès le début du projet, pas au moment de la \
publication.

## Pour le code

Un décret fixe la liste des licences que les administrations peuvent utiliser pour leurs \
logiciels. Elles se rangent en deux familles :

- **Les licences permissives** (par exemple MIT, Apache 2.0, BSD, CeCILL-B) : on peut réutiliser \
le code, y compris dans un logiciel fermé, à condition de citer l’auteur et de conserver la \
licence. Elles favorisent la diffusion la plus large.
- **Les licences avec obligation de réciprocité** (par exemple GNU GPL v3, GNU AGPL v3, \
MPL 2.0, CeCILL) : qui modifie et redistribue le logiciel doit le faire sous la même licence. \
L’AGPL étend cette obligation aux logiciels utilisés à travers un réseau, comme un service en \
ligne.

Une licence permissive convient bien à une bibliothèque que l’on veut voir reprise partout ; \
une licence à réciprocité, à une application dont on veut que les améliorations reviennent au \
commun.

## Pour les données et les documents

Les données publiques se publient sous la **Licence Ouverte 2.0** (réutilisation libre, y \
compris commerciale, en citant la source) ou sous l’**ODbL** (réutilisation libre, mais les \
bases dérivées doivent être partagées à l’identique). La Licence Ouverte est le choix par défaut \
de l’État.

## En pratique

1. Vérifiez les licences de vos **dépendances** : une bibliothèque sous GPL impose des \
obligations à tout le logiciel qui l’intègre et qui est redistribué.
2. Ajoutez un fichier `LICENSE` à la racine du dépôt et une mention dans le `README`.
3. Indiquez qui détient les droits (l’administration, le plus souvent, pour le travail de ses \
agents).
4. Pour les contributions extérieures, dites clairement qu’elles sont acceptées sous la licence \
du projet.

En cas de doute sur un point juridique, demandez au service juridique de votre administration \
ou aux coachs du programme, qui vous orienteront.
"""

OPEN_DATA = """\
Depuis la loi pour une République numérique, les administrations publient par défaut leurs \
documents et données d’intérêt public, dès lors qu’ils sont communicables et ne contiennent ni \
données personnelles non anonymisées ni secrets protégés par la loi. Ouvrir des données, c’est \
permettre à d’autres (chercheurs, entreprises, collectivités, citoyens) d’en faire ce que \
l’administration n’aurait pas imaginé.

## Choisir ce qu’on ouvre

Commencez par les données que l’on vous demande déjà, et par celles que votre défi produit. \
Vérifiez trois points avant toute publication :

- **Les données personnelles** : une donnée qui permet de retrouver une personne, même \
indirectement (croisement de l’âge, de la commune et de la profession), ne se publie pas telle \
quelle. Agrégez, supprimez, ou renoncez.
- **Les secrets** : secret des affaires, sécurité publique, secret médical…
- **Les droits des tiers** : des données achetées ou produites par un prestataire peuvent être \
soumises à un contrat.

## Publier des données utilisables

- Un **format ouvert** et lisible par une machine : CSV encodé en UTF-8 plutôt qu’un tableur \
fusionné ou un PDF.
- Une **documentation** : ce que contient chaque colonne, son unité, sa source, sa fréquence de \
mise à jour.
- Un **schéma** quand il en existe un pour ce type de données : il permet de valider le fichier \
et de le croiser avec ceux d’autres producteurs.
- Une **licence** (la Licence Ouverte 2.0 par défaut) et une date de mise à jour.
- Des **identifiants stables** (code commune, SIRET) plutôt que des libellés qui changent.

La plateforme nationale data.gouv.fr accueille les jeux de données publics, et permet de suivre \
leurs réutilisations.

## Faire vivre un jeu de données

Automatisez la mise à jour : un jeu publié une fois et jamais rafraîchi perd vite sa valeur. \
Répondez aux questions des réutilisateurs et signalez les changements de structure à l’avance. \
Enfin, utilisez vous-même les données publiées : c’est la meilleure façon de vérifier qu’elles \
sont exploitables.
"""

OPEN_SOURCE = """\
Le code source d’un logiciel développé par une administration est un document administratif : \
il est communicable et, sauf exception, il a vocation à être publié. Travailler en source ouverte \
dès le premier jour coûte moins cher que d’ouvrir un projet à la fin.

## Pourquoi ouvrir

- **La transparence** : chacun peut vérifier ce que fait un service public.
- **La mutualisation** : une autre administration peut reprendre le code plutôt que de repayer \
un développement.
- **La qualité** : un code que d’autres peuvent lire est écrit plus soigneusement, et profite de \
relectures extérieures.
- **La continuité** : le projet ne dépend plus d’une seule équipe ni d’un seul prestataire.

## Ouvrir dès le début

1. Créez le dépôt public avec un `README`, une licence et un guide de contribution.
2. Gardez les **secrets hors du dépôt** : mots de passe, clés, adresses internes se lisent dans \
des variables d’environnement. Un secret poussé une fois reste dans l’historique : changez-le \
immédiatement.
3. Séparez le code des données : aucune donnée personnelle dans les jeux de test, seulement des \
données synthétiques.
4. Décrivez le projet dans un fichier de métadonnées (`publiccode.yml`) pour qu’il soit \
référencé dans les catalogues des logiciels publics.

## Les exceptions

Certaines parties ne se publient pas : celles dont la divulgation porterait atteinte à la \
sécurité des systèmes d’information de l’administration, ou à d’autres secrets protégés. \
L’exception concerne alors ces parties, pas tout le projet : isolez-les dans une configuration \
ou un module privé.

## Animer la communauté

Ouvrir, ce n’est pas seulement publier. Répondez aux tickets, même brièvement ; étiquetez les \
tâches accessibles aux nouveaux venus ; publiez des versions numérotées avec un journal des \
changements. Si une autre administration réutilise votre code, proposez-lui de contribuer \
plutôt que de créer une copie divergente : c’est ainsi qu’un logiciel devient un commun.
"""

PROTOTYPING = """\
Un prototype sert à apprendre, pas à livrer. Sa seule question est : « Est-ce que cette idée \
résout le problème des usagers ? ». Plus il est rapide et jetable, plus il apprend vite.

## Choisir le bon niveau de fidélité

- **Le papier** : des écrans dessinés à la main, que l’on fait « cliquer » avec le doigt. Une \
heure de travail, parfait pour tester l’enchaînement d’un parcours.
- **La maquette cliquable** : des écrans assemblés dans un outil de maquettage, ou quelques \
pages HTML avec les composants du DSFR. Pour tester les mots, l’ordre des champs, la \
compréhension.
- **Le « magicien d’Oz »** : l’usager croit utiliser un service automatique, mais une personne \
de l’équipe fait le travail à la main en coulisses. Idéal pour tester un service avant d’écrire \
l’algorithme.
- **Le prototype fonctionnel** : un vrai code, de vraies données (ou des données synthétiques \
réalistes), mais aucune exigence de robustesse.

## Tester avec des usagers

Cinq personnes suffisent souvent pour voir les principaux problèmes d’un parcours. Donnez-leur \
une tâche réaliste (« Vous venez de déménager, prévenez votre caisse »), demandez-leur de penser \
à voix haute, et ne les aidez pas. Notez où elles hésitent, se trompent ou abandonnent. \
Recommencez après chaque correction.

## Ne pas se laisser piéger

- **Le prototype qui devient produit** : le code écrit pour apprendre vite n’est ni sûr, ni \
testé, ni maintenable. Décidez à l’avance de le jeter, et dites-le à votre administration.
- **La démonstration qui rassure** : un prototype montré à la direction n’est pas un prototype \
testé avec des usagers. Les deux sont utiles, mais pas pour la même chose.
- **Le prototype parfait** : si vous avez passé plus de deux semaines à le polir, vous avez \
sans doute construit la solution avant d’avoir validé le problème.

## Ce qu’il en reste

Gardez les enseignements, pas le prototype : ce qui a marché, ce qui a échoué, les citations des \
usagers, les décisions prises. C’est ce qui justifiera le passage à la phase suivante et ce que \
l’équipe suivante voudra lire.
"""

SECURITY = """\
Un service public en ligne manipule souvent des données sensibles, et attire les attaques comme \
n’importe quel site. La sécurité ne s’ajoute pas à la fin : elle se prévoit avec l’équipe de \
sécurité de votre administration dès les premiers choix techniques.

## L’homologation

Avant sa mise en service, un système d’information de l’administration doit être **homologué** : \
une autorité désignée accepte les risques résiduels, au vu d’une analyse des risques et des \
mesures prises. L’ANSSI propose une démarche simplifiée pour les services numériques de taille \
modeste. Renseignez-vous tôt auprès du responsable de la sécurité de votre administration : \
l’homologation se prépare en même temps que le service, pas la semaine de l’ouverture.

## Les bases, pour chaque projet

- **Les dépendances à jour** : un outil de veille signale les versions vulnérables des \
bibliothèques utilisées ; traitez ses alertes chaque semaine.
- **Les secrets hors du code**, renouvelés quand une personne quitte l’équipe.
- **L’authentification** : mots de passe hachés avec un algorithme prévu pour cela, limitation \
des tentatives, double facteur pour les comptes d’administration.
- **Le moindre privilège** : chaque compte, chaque service n’a accès qu’à ce dont il a besoin.
- **Les entrées des usagers** : toujours validées côté serveur, échappées à l’affichage, jamais \
concaténées dans une requête SQL.
- **Les sauvegardes** : automatiques, chiffrées, stockées ailleurs, et **restaurées pour de \
vrai** au moins une fois par trimestre.
- **Les journaux** : qui s’est connecté, qui a modifié quoi, conservés le temps prévu.

## Les données personnelles

Le règlement général sur la protection des données (RGPD) s’applique : ne collectez que ce qui \
est nécessaire, fixez des durées de conservation, informez les personnes. Associez le délégué ou \
la déléguée à la protection des données de votre administration, et réalisez une analyse \
d’impact si le traitement présente des risques élevés.

## En cas d’incident

Préparez avant d’en avoir besoin : qui prévenir, comment couper un accès, comment informer les \
personnes concernées. Une violation de données personnelles se notifie à la CNIL dans les \
72 heures lorsqu’elle présente un risque pour les personnes.
"""

REMOTE = """\
Les équipes du programme travaillent souvent entre plusieurs sites, et parfois entièrement à \
distance. Bien organisé, le travail à distance donne du temps pour se concentrer ; mal organisé, \
il isole et ralentit les décisions.

## Écrire plutôt que se réunir

- Une décision prise à l’oral est notée par écrit, au même endroit, le jour même.
- Les questions se posent dans un fil partagé plutôt qu’en message privé : la réponse servira \
à d’autres.
- Une réunion a un ordre du jour envoyé la veille, et se termine par un compte rendu de trois \
lignes (décisions, actions, prochaine échéance).

## Des rituels courts et réguliers

Un point quotidien de quinze minutes au plus, une démonstration toutes les deux semaines, une \
rétrospective par mois. Gardez au moins une journée de présence commune par mois quand c’est \
possible : certaines discussions passent mieux autour d’une table.

## Des outils adaptés

Utilisez les outils fournis par l’administration et ceux de l’État, comme la messagerie Tchap \
pour les échanges entre agents publics. Vérifiez que les réunions sont accessibles : \
sous-titres, documents envoyés à l’avance, tour de parole.

## Prendre soin de l’équipe

Fixez des plages sans réunion, respectez le droit à la déconnexion, et prenez régulièrement des \
nouvelles des personnes, pas seulement du projet.
"""


SEEDS = (
    Seed(
        "Rendre son service accessible : le RGAA en pratique",
        "Les obligations, ce qui coûte peu quand on s’y prend tôt, et comment tester "
        "avec de vraies personnes.",
        ACCESSIBILITY,
        (CONCEPT, VALUE, AMPLIFY),
        ("Accessibilité", "Design de services"),
        links=(("Le référentiel RGAA", "https://accessibilite.numerique.gouv.fr/"),),
        edits=(
            Edit(
                "zoomez à 200 %.",
                "zoomez à 200 % et vérifiez que rien ne se chevauche.",
                "Ajout de la vérification du zoom.",
            ),
        ),
    ),
    Seed(
        "Expliquer les algorithmes publics",
        "Ce que la loi demande quand un algorithme contribue à une décision individuelle, "
        "et comment s’y préparer dès la conception.",
        ALGORITHMS,
        (CONCEPT, VALUE),
        ("Science des données", "Droit du numérique"),
        edits=(
            Edit(
                "Enfin, mesurez les écarts",
                "Enfin, documentez les données d’entraînement et mesurez les écarts",
                "Précision sur les données d’entraînement.",
            ),
            Edit(
                "4. Prévoyez, dans l’interface,",
                "4. Prévoyez, dans l’interface destinée aux agents,",
                "Relecture.",
            ),
        ),
    ),
    Seed(
        "Le design de services, pas à pas",
        "Observer, interroger, cartographier le parcours, puis concevoir et tester avec "
        "les usagers et les agents.",
        DESIGN,
        (VALIDATE, CONCEPT),
        ("Design de services",),
    ),
    Seed(
        "Documenter pour ceux qui viendront après",
        "Les quatre genres de documentation, le minimum dès la première semaine et comment "
        "la garder à jour.",
        DOCUMENTATION,
        (CONCEPT, VALUE, AMPLIFY),
        ("Développement web", "Direction de produit"),
        visibility="members",
    ),
    Seed(
        "Écrire de façon inclusive",
        "Représenter femmes et hommes sans alourdir le texte, et être compris de toutes et tous.",
        INCLUSIVE_WRITING,
        (VALIDATE, CONCEPT, VALUE, AMPLIFY),
        ("Design de services",),
    ),
    Seed(
        "Accueillir une équipe EIG",
        "Préparer les accès avant l’arrivée, réussir la première semaine et le premier mois.",
        ONBOARDING,
        (VALIDATE,),
        ("Direction de produit",),
        visibility="members",
        edits=(
            Edit(
                "4. Un **binôme interne** désigné,",
                "4. Un **binôme interne** désigné (hors hiérarchie directe),",
                "Retour de la promotion 8 : un binôme hors hiérarchie libère la parole.",
            ),
        ),
    ),
    Seed(
        "Choisir une licence libre",
        "Licences permissives ou à réciprocité pour le code, Licence Ouverte ou ODbL pour les "
        "données : comment choisir.",
        LICENCES,
        (CONCEPT, AMPLIFY),
        ("Droit du numérique", "Développement web"),
    ),
    Seed(
        "Ouvrir ses données",
        "Choisir ce qu’on ouvre, publier des données utilisables et les faire vivre.",
        OPEN_DATA,
        (VALUE, AMPLIFY),
        ("Ingénierie des données", "Droit du numérique"),
        links=(("La plateforme des données publiques", "https://www.data.gouv.fr/"),),
    ),
    Seed(
        "Travailler en source ouverte",
        "Pourquoi et comment publier le code d’un service public dès le premier jour.",
        OPEN_SOURCE,
        (CONCEPT, VALUE, AMPLIFY),
        ("Développement web",),
        links=(("Le catalogue des codes sources publics", "https://code.gouv.fr/"),),
    ),
    Seed(
        "Prototyper pour apprendre",
        "Du papier au prototype fonctionnel : choisir la fidélité, tester avec cinq usagers, "
        "ne pas se laisser piéger.",
        PROTOTYPING,
        (VALIDATE, CONCEPT),
        ("Design de services", "Développement web"),
        visibility="members",
    ),
    Seed(
        "La sécurité d’un service numérique public",
        "L’homologation, les bases pour chaque projet, les données personnelles et la "
        "préparation aux incidents.",
        SECURITY,
        (CONCEPT, VALUE, AMPLIFY),
        ("Développement web", "Droit du numérique"),
        visibility="members",
        links=(("L’ANSSI", "https://cyber.gouv.fr/"),),
    ),
    Seed(
        "Travailler à distance en équipe",
        "Écrire plutôt que se réunir, des rituels courts, des outils adaptés.",
        REMOTE,
        (VALIDATE, CONCEPT, VALUE, AMPLIFY),
        visibility="members",
        published=False,
    ),
)

# Guides a past session of the current cohort used, by position in SEEDS, and an open help request.
USED_BY_SESSIONS = (0, 2, 9)
USED_BY_HELP_REQUEST = 1


def load_resources_demo() -> int:
    """Write the demo guides (once); returns how many were written."""
    if Guide.objects.exists():
        return 0
    coaches = list(
        Person.objects.filter(cohort_roles__role=Role.COACH, user__isnull=False)
        .distinct()
        .order_by("pk")
    )
    if not coaches:
        return 0
    writer = coaches[0].user
    expertises = {e.name: e for e in Expertise.objects.all()}
    guides = []
    for seed in SEEDS:
        guide = services.create_guide(
            by=writer,
            title=seed.title,
            summary=seed.summary,
            body=seed.body,
            phases=seed.phases,
            expertises=[expertises[name] for name in seed.expertises if name in expertises],
            visibility=seed.visibility,
        )
        for edit in seed.edits:
            assert edit.old in guide.body, edit.old  # noqa: S101 - the seeds above are ours
            guide = services.update_guide(
                guide,
                by=writer,
                version=guide.version,
                title=guide.title,
                summary=guide.summary,
                body=guide.body.replace(edit.old, edit.new),
                phases=seed.phases,
                expertises=list(guide.expertises.all()),
                visibility=guide.visibility,
                note=edit.note,
            )
        for label, url in seed.links:
            services.add_link(guide, by=writer, label=label, url=url)
        if seed.published:
            guide = services.publish_guide(guide, by=writer)
        guides.append(guide)
    sessions = list(
        Session.objects.filter(
            starts_at__lt=timezone.now(), status=SessionStatus.SCHEDULED
        ).order_by("-starts_at", "pk")[: len(USED_BY_SESSIONS)]
    )
    for session, index in zip(sessions, USED_BY_SESSIONS, strict=False):
        services.link_guide(guides[index], by=writer, session=session)
    _help_desk(writer, guides)
    return len(guides)


def _help_desk(coach: Any, guides: list[Guide]) -> None:
    """The help desk's side: a guide used by an open request, a resolved request its author turned
    into a draft guide, another whose author lets the coaches do it (the thread included)."""
    requests = HelpRequest.objects.order_by("pk")
    taken = requests.filter(status__in=(RequestStatus.TAKEN, RequestStatus.SESSION_PLANNED)).first()
    if taken is not None:
        services.link_guide(guides[USED_BY_HELP_REQUEST], by=coach, help_request=taken)
    resolved = list(
        requests.filter(
            status__in=services.CONVERTIBLE_STATUSES, author__user__isnull=False
        ).exclude(resolution_summary="")[:2]
    )
    if resolved:
        services.guide_from_help_request(resolved[0], by=resolved[0].author.user)
    if len(resolved) > 1:
        services.give_consent(resolved[1], by=resolved[1].author.user, allow_comments=True)
