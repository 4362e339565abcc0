"""French funding grammar (modest): "X lève 5 millions d'euros auprès de Y et Z",
"une levée de fonds de 6 millions d'euros menée par Y", "Avec un tour de table à 9 millions
de dollars, X conclut ..."."""

from __future__ import annotations

from extraction.grammar import Grammar, register, rx

_NAMES_END = (
    r"[.;:!?$€£]|\s\d+(?:[.,]\d+)?\s?(?:millions?|milliards?|M€)|\s(?:pour|afin|qui|dont|lui|"
    r"leur|en \d{4}|ont|a|avait|sont|est|complètent|complète|participent|dans le cadre|"
    r"permettra|permet|et d'autres|entre autres|notamment|aux côtés)\b|,\s(?:qui|dont|afin|pour|ce qui)\b|"
    # "mené par Partech, rejoint par Bpifrance, via son fonds X": the lead's list ends where others join
    r",?\s(?:rejointe?s? par|suivie?s? par|via (?:son|sa|leur|ses) (?:fonds|véhicule)|avec la participation|avec le soutien)\b"
)

GRAMMAR = register(Grammar(
    code="fr",
    funding_cue=rx(
        r"\b(?:lève|lèvent|levé|lever|levée|levées|boucle|bouclé|bouclée|clôt|clôture|clôturé|récolte|récolté|réalise|"
        r"réalisé|réaliser|obtient|obtenu|financements|décroche|décroché|sécurise|sécurisé|conclut|finalise|"
        r"finalisé|empoche|empoché|reçoit|reçu|rassemble|rassemblant|réunit|réuni|s['’]offre|annonce|investit|investi|"
        r"injecte|apporte|apporté|tour de table|financement|série|amorçage|seed|investisseurs|"
        # "Le tour, de 5 millions d'euros, a été mené par X": a lead tells a round
        r"(?:co-?)?mené(?:e|s|es)? par|"
        r"parvenue?s? à (?:lever|récolter|boucler|réunir)|vient d['’](?:obtenir|empocher)|escarcelle|"
        r"(?:en passe|sur le point) de (?:lever|boucler|finaliser|récolter|conclure)|s['’]apprête\w* à|"
        # the participles' other forms: "600 millions fraîchement levés", "les fonds récoltés"
        r"levés|bouclés|récoltés|récoltées|obtenus|injectés|collecté|collectés|collectée|levait|bouclait|"
        r"récoltait|obtenait|été financée?s?|"
        # a backer taking a stake: "Y entre au capital de X avec un investissement de 4 millions"
        r"(?:entre|entrent|est entrée?|sont entrés) au capital|ont levé|ont bouclé|ont récolté|ont obtenu|lèveront|lèvera|subvention\w*|en poche)\b",
    ),
    subject_verbs=rx(
        # "X annonce avoir bouclé ...": the whole chain is the verb, so its subject is X
        # ("a annoncé le 20 septembre avoir levé", "annonce qu'elle a bouclé": a date or "that it" between)
        # (the conditional of a reported round: "Selon nos informations, X aurait levé 30 millions")
        r"\b(?:a |ont |avait |aurait |auraient )?(?:déjà |récemment |notamment )?(?:(?:annonce|annoncent|annoncé|affirme|"
        r"indique|fait savoir|confirme|précise)(?: [\w'’-]+){0,5}? (?:avoir|qu['’](?:il|elle)s? (?:a|ont|avait|vient de|viennent de)) "
        r"(?:levé|bouclé|récolté|obtenu|réalisé|finalisé|sécurisé|conclu|lever|boucler|réaliser|finaliser)|"
        r"lève|lèvent|levé|boucle|bouclé|"
        # Swiss and Québec usage: "Horlogix ... clôt une ronde d'amorçage de 3 millions CHF"
        # ("annonce la clôture d'une levée de fonds": after its article "clôture" is the noun, the verb is "annonce")
        r"clôt|(?<!la )clôture|a clôturé|"
        # "X a collecté 600 000 euros lors d'une campagne de financement participatif"
        r"collecte|a collecté|ont collecté|"
        r"récolte|récolté|réalise|réalisé|obtient|obtenu|décroche|décroché|sécurise|sécurisé|conclut|"
        r"finalise|finalisé|empoche|empoché|reçoit|reçu|annonce|annoncé|annonçait|rassemble|"
        # "X réunit 12 millions d'euros", "X s'offre 12 millions d'euros pour recruter"
        r"réunit|a réuni|s['’]offre|s['’]est offert|"
        # an extension: "X étend sa série A à 15 millions", "prolonge son tour de table de 5 millions"
        r"(?:étend|a étendu|prolonge|a prolongé) (?:sa|son) (?:série|tour de table|levée|financement)|"
        # the passive with its amount: "X a été financée à hauteur de 4 millions d'euros par Y"
        r"(?:a|ont) été financée?s? (?:à hauteur de|avec|pour)|"
        r"a réussi|vient de (?:réaliser|boucler|lever|finaliser|clôturer|conclure|récolter|sécuriser)|"
        r"vient d['’](?:obtenir|empocher|annoncer|achever|officialiser)|"
        # "est parvenue à récolter 18 millions d'euros"
        r"(?:est |sont )?parvenue?s? à (?:lever|récolter|boucler|réunir)|"
        # a round in talks, its size told: "X serait en passe de lever 60 millions d'euros"
        r"(?:est|serait|sont|seraient) (?:en passe|sur le point) de (?:lever|boucler|finaliser|récolter|conclure)|"
        # "X est en discussions pour lever 40 millions", "serait en négociations avancées afin de boucler"
        r"(?:est|serait|sont|seraient) en (?:discussions?|négociations?)(?: avancées| exclusives)?(?: avec [^,.;]{1,60}?)? (?:pour|afin de) (?:lever|boucler|finaliser|récolter)|"
        # "Kaleido s'apprête à lever 80 millions d'euros": about to, so in talks
        r"s['’]apprêt(?:e|ent|erait|eraient) à (?:lever|boucler|finaliser|récolter|conclure|annoncer (?:une|un) (?:levée|tour))|"
        # round-ups: "X arrive deuxième, avec une opération à 6 millions", "grâce à une levée de fonds de"
        # (not a sentence's opening "Avec un tour de table à 9 millions, X conclut", read as fronted)
        # a ranking verb before it belongs to the chain ("X prend la troisième position grâce à une levée")
        r"(?<=[\w,] )(?:(?:arrive|prend|occupe|se hisse|complète|monte)\b[^,.;]{0,40}?,?\s)?(?:avec|grâce à) (?:un|une|son|sa) (?:opération|levée(?: de fonds)?|tour de table|financement)"
        r"(?: [\w-]+){0,3}? (?:à|de|d['’]))\b",
    ),
    # ("Avec 25 millions d'euros en poche, X change de dimension": the money in its pocket is its round)
    # ("Avec 6 millions d'euros de nouveaux financements, X va ouvrir ...": the money's kind may follow it)
    fronted_verbs=rx(r"^\s*(?:\([^)]{0,60}\)\s*)?(?:(?:de|d['’])\s?(?:nouveaux |nouvelles |frais |nouveau )?"
                     r"(?:financements?|fonds propres|capitaux|investissements?)\s*)?(?:en poche\s*)?,\s*(?-i:(?=[A-ZÀ-Ý]))"),
    bet_before=rx(r"\b(?:mise|misent|a misé|ont misé|parie|parient|a parié)\s+(?:encore\s+)?$"),
    bet_after=rx(r"^\s+sur\s+(?:la |le |l['’])?\s?(?:(?-i:[a-zéèêàç][\w-]*)\s+){0,3}?(?=(?-i:[A-ZÀ-Ý]))"),
    cleft=rx(r"^\s*[:,–—]\s*c['’]est (?:le montant|la somme|ce) (?:que|qu['’])\s*"
             r"(?:vient de |viennent de )?(?:lever|lève|a levé|récolter|récolte|a récolté|boucler|boucle|a bouclé|obtenir|a obtenu)\s+"
             r"(?:auprès de [^,.;]{2,60}?\s)?(?:la (?:start-?up|société|jeune pousse|pépite) (?:(?-i:[a-zéèêàç-]+) ){0,2})?"),
    object_link=rx(
        # "la levée de 160 millions d'euros de la start-up Ÿnsect": the company named by its kind first
        # "61 millions d'euros tombés mardi dans l'escarcelle de l'entreprise gantoise Showpad"
        r"^\s*(?:\([^)]{0,60}\)\s*)?(?:(?:[\w-]+\s){0,3}?dans (?:l['’]escarcelle|les caisses) )?"
        r"(?:de|pour|dans|chez)\s(?:la |l['’]|cette )\s?(?:start-?up|société|"
        r"jeune pousse|entreprise|pépite|scale-?up|plateforme|fintech|biotech|medtech|licorne)"
        r"(?:\s(?-i:[a-zà-ÿ][\w-]*)){0,3}\s(?-i:(?=[A-ZÀ-Ý]))",
        r"^\s*(?:\([^)]{0,60}\)\s*)?(?:(?:[\w-]+\s){0,3}?dans (?:l['’]escarcelle|les caisses) )?"
        r"(?:de|d['’]|pour|dans|chez)\s?(?=[A-ZÀ-Ý])",
    ),
    # a round told without its company's name ("le tour de table est mené par X", "la start-up a levé")
    # is the article's sure subject's: named up front and repeated (see Grammar.orphan_cue)
    orphan_cue=rx(r"\b(?:tour de table|levée de fonds|(?:la|cette) (?:start-?up|société|jeune pousse|pépite|entreprise)|investisseurs)\b"),
    anaphora=rx(
        r"\b(?:la|cette|l['’])\s?(?:[\w-]+\s){0,3}?(?:start-?up|entreprise|société|jeune pousse|"
        # "la startup parisienne": French adjectives follow their noun
        # "la fintech parisienne", "la medtech strasbourgeoise": a sector word names the kind too
        r"pépite|plateforme|scale-?up|licorne|spin-?off|\w*tech)(?:\s(?-i:[a-zéèêàç][\w-]*)){0,2}\s*$",
        r"^(?:elle|il)$",
    ),
    skip_before=rx(
        r"\b(?:rachat|rachète|racheté|acquisition|acquiert|cession|vendu|introduction en bourse|"
        r"chiffre d['’]affaires|ventes|bénéfice|perte|budget|moyenne|médiane|total|totalise|"
        r"montant total|au total|dont|soit|entre|jusqu['’]à|plus de \d+ opérations|barre des|"
        r"valorisée?|valorisation|capitalisation|"
        # "étend sa série A à 15 millions", "portant le tour à 15 millions": the new total after an extension
        r"(?:étend|étendu|porte|porté|portant|prolonge|prolongé)\w*(?:\s[\w'’-]+){0,4}?\sà|(?<!levée de )(?<!levées de )(?<!lever des )fonds de|fonds doté|enveloppe|prise de participation|"
        # a licence deal's money: "un paiement initial de 45 millions", "des paiements d'étape"
        r"paiements? initia(?:l|ux)|paiements? d['’]étape|redevances?|investisseurs? d['’]ancrage|"
        # a competition's prize: "le prix régional de l'innovation, doté de 50 000 euros"
        r"prix|dotée? de|dotés? de|dotées? de|"
        # a contract, an order, a fine or a plant's cost: "un contrat de 60 millions", "une usine de 60 millions"
        r"contrats?|commandes?|marché public|appel d['’]offres|amendes?|usines?)"
        r"\W+(?:\w+\W+){0,3}$",
        r"\bvente\b[^,;]{0,50}\b(?:pour|à)\W+$",  # "la vente de sa division pour 60 millions"
    ),
    skip_after=rx(
        # the company's own spending: "annonce un investissement de 40 millions d'euros dans sa nouvelle usine"
        r"^\W{0,3}dans (?:sa|son|ses|leur|leurs) (?:nouvelle |nouvel |nouveau |nouvelles |nouveaux |propre |propres )?"
        r"(?:usines?|sites?|siège|entrepôts?|outil industriel|lignes? de production|capacités de production)\b|"
        r"^\W{0,3}(?:\w+[- ]){0,3}?(?:de chiffre|introduction en bourse|entrée en bourse|ipo|par action|"
        r"d['’]affaires|de ventes|de moins|de plus que|"
        r"levés? en (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
        r"décembre)|mensuels|en \d+ opérations|en (?:trois|quatre|cinq|\d+) (?:opérations|tours))\b",
    ),
    skip_clause=rx(
        r"\b(?:startups françaises|start-up françaises|start-up de la french tech|jeunes pousses|"
        r"la semaine totalise|opérations recensées|montant total|rachat|rachète|racheté|rachetée|acquisition|cession|introduction en bourse|"
        r"entrée en bourse|(?<!pré-)(?<!pre-)ipo|cotation|coté en bourse|par action|prix d['’]introduction|"
        r"(?:son|leur|premier|deuxième|second|troisième|quatrième|cinquième|sixième|précédent|"
        r"nouveau|dernier) (?:fonds|véhicule)|premier closing|"
        r"fonds (?:i{1,3}|iv|v|vi{1,3}|\d{1,2})\b|"
        # "mené par Racine, le fonds d'investissement de ...": an apposition that describes a backer
        r"(?<!, le )(?<!, un )fonds d['’]investissement|institutionnels|écosystème|"
        # a market's total over a period: "La French Tech a levé 7 milliards sur les neuf premiers mois"
        r"la french tech|(?:\w+ )?premiers mois|premier semestre|second semestre|sur l['’]ensemble de|"
        # companies in the plural as the subject tell a market's sum: "les start-up africaines ont levé 3,5 milliards"
        r"les (?:start-?ups?|jeunes pousses|entreprises|sociétés) (?:[\w-]+ ){0,2}?(?:ont|avaient) (?:levé|récolté|obtenu|attiré|bouclé))\b",
    ),
    valuation_before=rx(r"\b(?:valoris\w+|valeur de|évaluée?)\W+(?:\w+\W+){0,5}$"),
    # "avait levé 48 millions d'euros au total auprès de ...": the sum of every round
    cumulative_after=rx(r"^\W{0,3}(?:[\w'’-]+\W+){0,4}?(?:depuis (?:sa|son) (?:création|lancement|fondation)|au total|"
                        r"depuis (?:ses débuts|(?:19|20)\d\d))\b"),
    # a round that did not happen: "n'a pas réussi à boucler sa levée de 50 millions"
    failed=rx(r"\b(?:n['’](?:a|ont|avait|avaient) pas (?:réussi|pu) à (?:lever|boucler|finaliser|conclure)|"
              r"(?:a|ont) échoué|sans succès|avortée?s?|n['’]a pas abouti)\b"),
    cumulative=rx(r"\b(?:au total|depuis (?:sa|son) (?:création|lancement)|jusqu['’]ici|à ce jour|en tout)\b"),
    reported=rx(r"\b(?:selon (?:nos informations|les échos|bloomberg|reuters)|d['’]après nos informations|"
                r"aurait|auraient)\b"),
    in_talks=rx(r"\b(?:en discussions?|en négociations?|serait en passe|serait sur le point|chercherait à lever|"
                r"s['’]apprêt(?:e|ent|erait|eraient) à)\b"),
    past=rx(r"\b(?:(?<!fondée )(?<!fondé )(?<!créée )(?<!créé )en (?:19|20)\d\d|l['’]an dernier|l['’]année dernière|en (?:janvier|février|mars|avril|mai|"
            r"juin|juillet|août|septembre|octobre|novembre|décembre) dernier|précédente?|auparavant|"
            r"la première|la seconde|déjà réalisé|"
            # the pluperfect tells an earlier round: "Elle avait levé 1,5 million d'euros auprès de ..."
            r"(?:avait|avaient) (?:déjà )?(?:levé|bouclé|récolté|obtenu|réalisé|reçu|empoché|décroché))\b"),
    lead_after=[rx(r"\b(?:menée?s?|emmenée?s?|conduite?s?|pilotée?s?) par (?:le |la |les |l['’])?")],
    lead_before=[rx(r"\s(?:mène|a mené|mènent|ont mené) (?:le|la|ce|cette) (?:tour|levée|opération)")],
    investors_after=[
        rx(r"\bauprès (?:de |d['’])(?:la |le |les |l['’])?(?:fonds |investisseurs )?"),
        rx(r"\b(?:avec la participation|aux côtés) (?:de |d['’]|des )(?:la |le |l['’])?"),
        rx(r"\bcomplètent cette opération\W+"),
        rx(r"\binvestisseurs (?:historiques |existants |actuels )?(?:comme |tels que |dont |parmi lesquels )"),
        # "Cette rallonge est apportée par X, ..., ainsi que par Y"
        rx(r"\b(?:apportée?s?|souscrite?s?|financée?s?) par (?:le |la |les |l['’])?(?:fonds )?"),
        rx(r"\bainsi que (?:par |de |d['’])(?:le |la |les |l['’])?"),
        rx(r"\brejointe?s? par (?:le |la |les |l['’])?"),
    ],
    investors_before=[rx(r"\s(?:ont|a) (?:tous |également |aussi )?(?:participé|pris part|remis au pot)\b"),
                      # "Ses investisseurs historiques, X et Y, remettraient également au pot / participent également"
                      rx(r"\s(?:participent|participe|participeront|participeraient|remettent|remettraient|remettront|remet)"
                         r" (?:également |aussi |de nouveau )?(?:au pot|à (?:ce|cette|la|l['’]) ?(?:tour de table|opération|levée))")],
    list_stop=rx(_NAMES_END),
    # sentences that name backers beyond the shared cues ("auprès de", "menée par", "particip-")
    investor_cue=rx(r"\b(?:apportée?s?|souscrite?s?|financée?s?) par\b|\bainsi que par\b|\bremet\w* (?:également |aussi )?au pot\b"),
    receive_verbs=rx(
        r"\b(?:lève|lèvent|levé|boucle|bouclé|récolte|récolté|obtient|obtenu|décroche|décroché|"
        r"sécurise|sécurisé|empoche|empoché|reçoit|reçu)\b",
    ),
    # ", portant le montant total du tour à 15 millions": the new total after an extension, a clause of its own
    clause_break=rx(r"[;:—–]|, (?:tandis que|alors que|mais|portant|ce qui porte)\b"),
    undisclosed=rx(r"\b(?:(?:d['’]un |pour un )?montant non (?:communiqué|divulgué|dévoilé)|"
                   r"sans (?:en )?(?:communiquer|dévoiler|révéler) le montant)"),
    # an amount-less round told as a move (extraction.backing): "X accueille à son capital le fonds Y",
    # "Y entre au capital de la start-up X"
    company_gets=rx(r"\b(?:accueille|a accueilli|fait entrer|ouvre) (?:à |dans )?son capital (?:à )?(?:le |la |les |l['’])?"
                    r"(?:(?:[\w-]+ )?fonds (?:[\w-]+ )?)?",
                    # "X fait entrer Y à son capital": the backer between the verb and the capital
                    r"\b(?:fait|a fait) (?:entrer|rentrer) (?:le |la |les |l['’])?(?=[^.;]{1,80}? (?:à|dans|au sein de) son capital)"),
    investor_moves=rx(r"\b(?:(?:entre|est entré|est entrée|a pris une participation) (?:au|dans le) capital (?:de |d['’])|"
                      # "Y prend une participation minoritaire dans X", "a pris une participation au capital de X"
                      r"(?:prend|a pris|prennent|ont pris) une participation (?:minoritaire |stratégique )?(?:dans|au capital (?:de|d['’]))\s?)(?:la |le |l['’])?"),
    # words that open a sentence and never name a company ("Aujourd'hui, la société annonce ..."):
    # a sentence's first word is taken for a mentioned company unless it is one of these
    # a verb of saying and its "que" (Grammar.reported_speech): "Le président a rappelé que les lauréats ont levé ..."
    reported_speech=rx(r"\b(?:a déclaré|déclare|a affirmé|affirme|a rappelé|rappelle|a expliqué|explique|a souligné|souligne|"
                       r"a ajouté|ajoute|a précisé|précise|a indiqué|indique|a annoncé|annonce|a confirmé|confirme|"
                       r"a estimé|estime|a assuré|assure|a dit|dit) qu(?:e\s+|['’])"),
    openers=rx(r"^\W*(?:aujourd['’]hui|hier|désormais|ainsi|enfin|cette semaine|cette année|ce mois-ci|"
               r"parallèlement|par ailleurs|en outre|de plus|fin|début|[\w-]{3,}(?:ément|ement|amment|emment)|cependant|toutefois|néanmoins|pourtant|"
               r"d['’]ailleurs|en effet|or|donc|"
               # "Contactée, la société n'a pas souhaité commenter": a participle about the press, no name
               r"(?:contacté|interrogé|sollicité|joint)e?s?|également|aussi|alors|ensuite|actuellement|récemment|déjà|"
               r"en (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre))\b[\s,]*"),
    apposition=rx(# "La start-up nantaise, qui produit des protéines ..., annonce": a relative clause between subject and verb
                  r",\s*qui\s[^,;:]{1,150},\s*$",
                  r",\s*(?:fondée?s?|créée?s?|basée?s?|installée?s?|née?s?|lancée?s?|issue?s?|"
                  r"spécialisée?s?|implantée?s?)\b[^,;:]{0,80}(?:,\s*)?(?:qui\s*)?$",  # "X, spécialisée dans ..., qui a levé"
                  # "X, spécialiste de la logistique urbaine, boucle ...": a noun that says what the company is
                  r",\s*(?:(?:le|la|l['’]|un|une)\s*)?(?:spécialiste|leader|pionnier|pionnière|acteur|actrice|éditeur|"
                  r"éditrice|fabricant|concepteur|conceptrice|start-?up|jeune pousse|société|entreprise|plateforme|"
                  r"fintech|medtech|healthtech|edtech|insurtech|biotech|pépite|champion(?:ne)?|spin-?off|filiale)\b[^,;:]{0,120},\s*$"),
))
