namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>The pools the corpus draws from (made up for it; companies are names a resume could hold).</summary>
public static class CorpusWords
{
    public static readonly string[] EnglishFirstNames =
    [
        "James", "Emily", "Michael", "Sarah", "David", "Olivia", "Daniel", "Grace", "Samuel", "Chloe", "Kwame", "Amara", "Chinedu", "Ngozi",
        "Fatima", "Aisha", "Mohamed", "Priya", "Wei", "Lucas", "Tendai", "Zanele", "Kofi", "Adaeze", "Hannah", "Ethan", "Mary-Jane", "Oluwaseun",
    ];

    public static readonly string[] FrenchFirstNames =
    [
        "Jean-Pierre", "Marie", "Camille", "Théo", "Léa", "Mamadou", "Aminata", "Ousmane", "Fatou", "Awa", "Ibrahima", "Hélène", "François",
        "Chloé", "Émilie", "Cheikh", "Moussa", "Aïssatou", "Yannick", "Sébastien", "Anne-Sophie", "Khadija", "Baptiste", "Mariama",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Okafor", "Mensah", "Adeyemi", "Mwangi", "Otieno", "Diallo", "Ndiaye", "Diop", "Fall", "Sow", "Traoré", "Kouassi",
        "Koné", "Dubois", "Martin", "Lefèvre", "Moreau", "Girard", "Bernard", "Nguyen", "Fernandes", "O'Brien", "N'Diaye", "Ba", "Mbaye",
        "Camara", "Cissé", "Van der Berg", "Asante", "Kamau",
    ];

    public static readonly string[] MailDomains = ["gmail.com", "outlook.com", "yahoo.fr", "proton.me", "hotmail.com", "orange.sn", "mail.com"];

    public static readonly (string City, string Country)[] Places =
    [
        ("Paris", "France"), ("Lyon", "France"), ("Grenoble", "France"), ("Dakar", "Senegal"), ("Thiès", "Senegal"), ("Saint-Louis", "Senegal"),
        ("Abidjan", "Côte d'Ivoire"), ("Lagos", "Nigeria"), ("Abuja", "Nigeria"), ("Accra", "Ghana"), ("Kumasi", "Ghana"), ("Nairobi", "Kenya"),
        ("Kigali", "Rwanda"), ("London", "United Kingdom"), ("Bristol", "United Kingdom"), ("Montreal", "Canada"), ("Brussels", "Belgium"),
        ("Casablanca", "Morocco"), ("Douala", "Cameroon"), ("Berlin", "Germany"), ("New York", "United States"), ("Toulouse", "France"),
    ];

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    public static readonly Func<Random, string>[] PhoneFormats =
    [
        r => $"+33 6 {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)}",
        r => $"06 {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)}",
        r => $"+1 (415) 555-{Digits(r, 4)}",
        r => $"+44 20 {Digits(r, 4)} {Digits(r, 4)}",
        r => $"+221 77 {Digits(r, 3)} {Digits(r, 2)} {Digits(r, 2)}",
        r => $"+234 803 {Digits(r, 3)} {Digits(r, 4)}",
        r => $"+254 7{Digits(r, 2)} {Digits(r, 3)} {Digits(r, 3)}",
        r => $"(212) 555-{Digits(r, 4)}",
        r => $"+33{Digits(r, 9)}",
        r => $"+225 07.{Digits(r, 2)}.{Digits(r, 2)}.{Digits(r, 2)}.{Digits(r, 2)}",
    ];

    public static readonly string[] Companies =
    [
        "Acme Corp", "Globex", "Initech", "Société Générale", "BNP Paribas", "Capgemini", "Atos", "Thales", "Dassault Systèmes", "Ecobank",
        "Jumia", "Paystack", "Flutterwave", "Andela", "Safaricom", "MTN Group", "Airtel Africa", "Deloitte", "KPMG", "Accenture", "Shopify",
        "Datadog", "Doctolib", "BlaBlaCar", "Back Market", "Expensya", "InstaDeep", "Twiga Foods", "M-Kopa", "Wave", "Orange Digital Center",
        "CinetPay", "Gozem", "Sopra Steria", "Alten", "Ubisoft", "Criteo", "Mirakl", "Qonto", "Sonatel", "Kobo360", "Ignite Power Ltd",
        "Nova Analytics", "Sahel Fintech SAS", "Blue Harbor Technologies", "Teranga Labs",
    ];

    public static readonly string[] EnglishPositions =
    [
        "Software Engineer", "Senior Backend Developer", "Data Analyst", "Product Manager", "DevOps Engineer", "Frontend Developer",
        "Data Scientist", "QA Engineer", "Project Manager", "Marketing Manager", "Business Analyst", "Mobile Developer", "Full Stack Developer",
        "UX Designer", "IT Support Technician", "Financial Analyst", "Software Engineering Intern", "Cloud Architect", "Machine Learning Engineer",
        "Lead Developer", "Head of Engineering", "Sales Representative",
    ];

    public static readonly string[] FrenchPositions =
    [
        "Développeur Full Stack", "Ingénieur logiciel", "Chef de projet digital", "Analyste de données", "Développeur backend", "Ingénieur DevOps",
        "Data Scientist", "Consultant SAP", "Responsable marketing", "Stagiaire développeur web", "Chargé de communication",
        "Administrateur systèmes", "Product Owner", "Architecte cloud", "Technicien support informatique", "Contrôleur de gestion",
        "Développeuse mobile", "Ingénieure données", "Directeur technique",
    ];

    public static readonly string[] EnglishBullets =
    [
        "Built REST APIs in Python and Django for a payments platform used by 2 million customers.",
        "Reduced page load time by 40% by caching responses in Redis.",
        "Led a team of four engineers and mentored two interns.",
        "Migrated the deployment pipeline to GitHub Actions and Kubernetes.",
        "Designed dashboards in Power BI for the finance team.",
        "Wrote end-to-end tests that cut production incidents by half.",
        "Launched a mobile money integration across three countries.",
        "Ran weekly user interviews and turned them into a product roadmap.",
        "Automated monthly reporting with SQL and Python scripts.",
        "Managed a budget of 200,000 dollars and five vendors.",
    ];

    public static readonly string[] FrenchBullets =
    [
        "Développement d'API REST en Python et Django pour une plateforme de paiement.",
        "Réduction du temps de chargement de 40 % grâce à un cache Redis.",
        "Encadrement d'une équipe de quatre développeurs et de deux stagiaires.",
        "Migration de la chaîne de déploiement vers GitLab CI et Kubernetes.",
        "Conception de tableaux de bord Power BI pour la direction financière.",
        "Mise en place de tests automatisés qui ont divisé les incidents par deux.",
        "Lancement d'une intégration de paiement mobile dans trois pays.",
        "Animation d'ateliers avec les utilisateurs et suivi de la feuille de route produit.",
        "Automatisation du reporting mensuel avec SQL et Python.",
        "Gestion d'un budget de 200 000 euros et de cinq prestataires.",
    ];

    public static readonly string[] EnglishSummaries =
    [
        "{0} with {1} years of experience delivering reliable software for fast-growing companies. Comfortable with {2} and {3}, and keen on clean, tested code.",
        "Results-driven {0} with {1} years of experience. I enjoy turning business needs into simple products, working daily with {2} and {3}.",
        "Curious and pragmatic {0} ({1} years of experience) who likes owning problems end to end. Main tools: {2}, {3}.",
    ];

    public static readonly string[] FrenchSummaries =
    [
        "{0} avec {1} ans d'expérience dans la conception de logiciels fiables pour des entreprises en forte croissance. À l'aise avec {2} et {3}.",
        "{0} rigoureux, {1} ans d'expérience. J'aime transformer les besoins métier en produits simples, au quotidien avec {2} et {3}.",
        "{0} curieux et pragmatique ({1} ans d'expérience), qui aime porter un sujet de bout en bout. Outils principaux : {2}, {3}.",
    ];

    public static readonly string[] EnglishSchools =
    [
        "University of Lagos", "University of Nairobi", "Imperial College London", "University of Cape Town", "Ashesi University",
        "Kwame Nkrumah University of Science and Technology", "McGill University", "University of Manchester", "Strathmore University",
        "Makerere University", "African Leadership University", "Stanford University",
    ];

    public static readonly string[] FrenchSchools =
    [
        "Université Cheikh Anta Diop", "École Polytechnique de Thiès", "Université Paris-Saclay", "INSA Lyon", "École Supérieure Polytechnique de Dakar",
        "HEC Paris", "Université de Lyon", "EPITA", "Université Félix Houphouët-Boigny", "Institut Supérieur de Management", "ESSEC Business School",
        "Télécom Paris", "Université Gaston Berger",
    ];

    private static readonly string[] EnglishFields =
        ["Computer Science", "Software Engineering", "Information Systems", "Data Science", "Finance", "Marketing", "Economics", "Electrical Engineering", "Applied Mathematics"];

    private static readonly string[] FrenchFields =
        ["Informatique", "Génie logiciel", "Réseaux et télécommunications", "Finance", "Marketing digital", "Mathématiques appliquées", "Systèmes d'information", "Gestion des entreprises"];

    public static readonly (string Degree, string[] Fields)[] EnglishDegrees =
    [
        ("Bachelor of Science", EnglishFields), ("Master of Science", EnglishFields), ("BSc", EnglishFields), ("MSc", EnglishFields),
        ("MBA", ["Finance", "Marketing", "Strategy"]), ("PhD", EnglishFields), ("Bachelor of Engineering", ["Electrical Engineering", "Software Engineering"]),
    ];

    public static readonly (string Degree, string[] Fields)[] FrenchDegrees =
    [
        ("Master", FrenchFields), ("Licence", FrenchFields), ("Diplôme d'ingénieur", ["Informatique", "Génie logiciel", "Réseaux et télécommunications"]),
        ("BTS", ["Informatique", "Comptabilité", "Communication"]), ("DUT", ["Informatique", "Gestion des entreprises"]), ("Doctorat", FrenchFields),
        ("Mastère spécialisé", ["Big Data", "Cybersécurité", "Management de projet"]),
    ];

    /// <summary>Skills as people write them: the platform's list names most of them (some by a synonym); it does not know "Design thinking", "Mobile money", "Customer onboarding" or "Event planning".</summary>
    public static readonly string[] Skills =
    [
        "Python", "JS", "JavaScript", "TypeScript", "React.js", "Node.js", "Postgres", "MySQL", "MongoDB", "Docker", "k8s", "AWS", "Azure", "GCP",
        "Django", "Flask", "FastAPI", "Spring Boot", "Java", "C#", ".NET", "Golang", "Git", "Linux", "Terraform", "Figma", "Excel", "Power BI",
        "Tableau", "SQL", "Scrum", "Machine Learning", "Pandas", "TensorFlow", "REST APIs", "GraphQL", "Redis", "Kafka", "HTML5", "CSS3", "Vue.js",
        "Angular", "SEO", "Salesforce", "SAP", "Project Management", "Leadership", "Stakeholder management", "Public speaking", "Design thinking",
        "Mobile money", "Customer onboarding", "Event planning",
        "C++", "PHP", "Kotlin", "Swift", "Jira",
    ];

    public static readonly (string English, string French)[] SpokenLanguages =
    [
        ("English", "Anglais"), ("French", "Français"), ("Spanish", "Espagnol"), ("German", "Allemand"), ("Arabic", "Arabe"), ("Wolof", "Wolof"),
        ("Portuguese", "Portugais"), ("Swahili", "Swahili"), ("Yoruba", "Yoruba"), ("Italian", "Italien"), ("Chinese", "Chinois"),
    ];

    public static readonly string[] EnglishLevels = ["Native", "Fluent", "Professional working proficiency", "Intermediate", "Basic", "C1", "B2"];
    public static readonly string[] FrenchLevels = ["Langue maternelle", "Courant", "Bilingue", "Intermédiaire", "Notions", "B2", "C1"];
}
