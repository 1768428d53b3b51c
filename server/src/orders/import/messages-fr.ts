/** The import's messages in French, in shared's message syntax (messages.ts fills them). */
import type { ImportTexts } from './messages.ts';

export const FR_TEXTS: ImportTexts = {
  value: {
    notDate: "n'est pas une date : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA",
    badDate: "n'est pas une date valide",
    notCalendarDate: "n'est pas une date du calendrier",
    badTime: "n'est pas une heure valide",
    notTimeOfDay: "n'est pas une heure de la journée",
    notTime: "n'est pas une heure : écrivez-la HH:MM (08:00, 8:00 ou 08h00)",
    badTimeOfDay: "n'est pas une heure valide de la journée",
    notNumber: "n'est pas un nombre",
  },
  required: 'est obligatoire',
  refRequired: 'est obligatoire : chaque commande a sa propre référence',
  longerThan: 'dépasse {n, plural, one {# caractère} other {# caractères}}',
  badPhone: "n'est pas un numéro de téléphone valide (sans indicatif, il est lu comme un numéro {country})",
  badEmail: "n'est pas une adresse e-mail",
  notLatitude: "n'est pas une latitude : elle doit être comprise entre -90 et 90",
  notLongitude: "n'est pas une longitude : elle doit être comprise entre -180 et 180",
  zeroZero: "lat 0, lon 0 n'est pas une adresse de livraison : donnez les vraies coordonnées",
  missingWhileGiven: 'manque alors que {given} est donnée : donnez les deux ou aucune',
  noPlace: 'est vide et il n’y a ni lat ni lon : donnez une adresse ou des coordonnées',
  pickupNeedsPlace:
    'est vide et il n’y a ni pickup_lat ni pickup_lon : donnez une adresse ou des coordonnées à l’enlèvement',
  endsBeforeFirstDate: 'finit avant la première date {date}',
  windowMissingEnd: 'est vide alors que le créneau commence à {start} : donnez les deux bornes',
  windowMissingStart: 'est vide alors que le créneau finit à {end} : donnez les deux bornes',
  windowBackwards: 'finit à {end}, pas après le début du créneau {start}',
  serviceRange: 'doit être entre 0 et 1440 minutes',
  negative: 'ne doit pas être négatif',
  priorityRange: 'doit être un nombre entier de 0 à 100',
  unknownProof:
    "« {kind} » n'est pas un type de preuve : écrivez photo, signature ou code (le code de livraison du client), plusieurs sous la forme photo,code",
  duplicateRef: 'apparaît deux fois : la ligne {row} a la même référence',
  conflict: 'conflit : la commande {ref} est déjà au statut {status} et un import ne peut plus la modifier',
  noGeocoder:
    "n'a ni lat ni lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez lat et lon",
  pickupNoGeocoder:
    "n'a ni pickup_lat ni pickup_lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez pickup_lat et pickup_lon",
  notFound: "n'a pas été trouvée par le géocodeur : vérifiez l'adresse ou ajoutez lat et lon",
  geocoderFailed: "n'a pas pu être géocodée ({why}) : réessayez plus tard ou ajoutez lat et lon",
  notDimension:
    "« {dim} » n'est pas une dimension de cette organisation ({dims}) : nommez la colonne demand_<dimension>",
  sameField:
    "« {a} » et « {b} » contiennent tous deux {field} : gardez-en une, ou associez l'autre à un autre champ (mapping)",
  noRefColumn:
    'aucune colonne ne contient la référence de commande : ajoutez une colonne « Référence » (ou « ref »), ou associez-en une (mapping)',
  noDateColumn:
    'aucune colonne ne contient la date de livraison : ajoutez une colonne « Date » (ou date_from et date_to), ou associez-en une (mapping)',
  headerProblems: "La ligne d'en-tête a des problèmes : {list}",
  rejectedNothingImported:
    "{n, plural, one {# ligne rejetée, rien n'a été importé : corrigez-la} other {# lignes rejetées, rien n'a été importé : corrigez-les}}, ou importez avec partial=true pour écrire les bonnes lignes",
  emptyFile: 'Le fichier est vide : il faut une ligne d’en-tête et au moins une commande',
  emptySheet: 'La feuille « {name} » est vide : il faut une ligne d’en-tête et au moins une commande',
  unclosedQuote:
    "Le CSV n'a pas pu être lu : une cellule entre guillemets qui commence ligne {row} n'est jamais fermée",
  unreadable: {
    CSV: "Le CSV n'a pas pu être lu : {why}",
    XLSX: "Le fichier XLSX n'a pas pu être lu : {why}",
  },
  noSheetNamed: "Le classeur n'a pas de feuille « {sheet} » ; ses feuilles sont : {sheets}",
  noSheet: "Le fichier XLSX n'a aucune feuille",
  jsonNotArray: 'Un import JSON est un tableau d’objets, un par commande',
  unreadableForm: 'Formulaire multipart illisible : {why}',
  noFileField: 'Le formulaire n’a pas de champ « file » : envoyez le CSV ou le XLSX dans le champ « file »',
  tooLarge:
    "Le fichier dépasse {mb} Mo, le maximum d'un import (IMPORT_MAX_BYTES) : découpez-le en fichiers plus petits",
  xlsxLimit: {
    entry: 'Le fichier XLSX est refusé : sa partie {part} se décompresse en plus de {mb} Mo (IMPORT_MAX_ENTRY_BYTES)',
    part: "Le fichier XLSX est refusé : sa partie {part} se décompresse en plus de {mb} Mo, bien plus qu'un classeur n'en a besoin",
    workbook:
      'Le fichier XLSX est refusé : ses parties se décompressent en plus de {mb} Mo au total (deux fois IMPORT_MAX_ENTRY_BYTES)',
    sharedStrings:
      'Le fichier XLSX est refusé : il contient plus de {max, plural, one {# texte distinct} other {# textes distincts}} (IMPORT_MAX_SHARED_STRINGS)',
    sharedStringChars:
      'Le fichier XLSX est refusé : ses textes dépassent {max, plural, one {# caractère} other {# caractères}} au total (IMPORT_MAX_SHARED_STRING_CHARS)',
    cellChars:
      'Le fichier XLSX est refusé : une cellule contient plus de {max, plural, one {# caractère} other {# caractères}} (une cellule en contient au plus 32 767)',
    rowCells:
      'Le fichier XLSX est refusé : une ligne de {part} a plus de {max, plural, one {# cellule} other {# cellules}} (une feuille a au plus 16 384 colonnes)',
  },
  xlsxNulCell:
    "Le fichier XLSX est refusé : la cellule {cell} (ligne {row}, colonne {column}) contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le",
  xlsxNulPart:
    "Le fichier XLSX est refusé : sa partie {part} contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le",
  nulCharacter: 'contient un caractère NUL (\\0), qui ne peut pas être enregistré : supprimez-le',
  tooDeep:
    'est imbriquée sur plus de {depth, plural, one {# niveau} other {# niveaux}} : une cellule contient une valeur ou une liste simple',
  nulInHeader: "La ligne d'en-tête est refusée : le nom de la colonne {column} contient un caractère NUL (\\0)",
  unreadableJson: "Le corps JSON n'a pas pu être lu : {why}",
  rowCheckFailed: "Les lignes n'ont pas pu être vérifiées ({why}) : rien n'a été importé. Veuillez réessayer.",
  rejectedTruncated:
    '{kept, plural, one {seule la première des {n} lignes rejetées est listée} other {seules les # premières des {n} lignes rejetées sont listées}} (IMPORT_REJECTIONS_MAX_ROWS) : corrigez-les et importez à nouveau pour voir les suivantes',
  rejectionsPurged:
    'Les lignes rejetées de cet import ont été supprimées : elles sont gardées {days, plural, one {# jour} other {# jours}} (IMPORT_REJECTIONS_RETENTION_DAYS). Importez à nouveau le fichier pour les voir',
  warn: {
    capacity:
      'la demande de {demand} dépasse la capacité de tous les véhicules (le plus grand prend {largest}) : elle ne peut pas être planifiée telle quelle',
    capacityTogether:
      'aucun véhicule ne transporte à la fois {demand} : elle ne peut pas être planifiée telle quelle (scinder la commande ?)',
    skill: "demande la compétence « {skill} », qu'aucun véhicule n'a : elle ne peut pas être planifiée telle quelle",
    distance:
      "est à {km} km du dépôt le plus proche, plus de {max} km (IMPORT_MAX_DEPOT_DISTANCE_KM) : vérifiez l'adresse ou les coordonnées",
    noShiftDay: "aucun véhicule n'a de service le {from} : elle ne peut pas être planifiée ce jour-là",
    noShiftDays: "aucun véhicule n'a de service du {from} au {to} : elle ne peut pas être planifiée sur ses jours",
  },
};
