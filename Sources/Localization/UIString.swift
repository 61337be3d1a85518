/// Every interface string of katch (site, terminal, reports), with its Kazakh, Russian and
/// English text. This is the one catalogue: code never spells UI text itself.
///
/// `%1`, `%2` … are placeholders filled by ``Localizer/callAsFunction(_:_:)``.
public enum UIString: String, Sendable, CaseIterable {
    // Site chrome
    case home, agenda, activities, printAll, search, searchPlaceholder, searchNoResults, searchResultsFor
    case onThisPage, previous, next, breadcrumbs, mainNavigation, skipToContent, modules, contents
    case trainerEdition, participantEdition, editionNote, otherEdition
    case minutes, minutesRange, totalTime, clockTime, session, materials, materialsChecklist, references
    case day, track, joint, breakLabel, duration, kind, module, allModules, byModule, byKind
    case icebreakersAndEnergizers, howToUse, courseOverview, footnotes, downloadCSV, backToTop
    case answerKey, rubric, maxScore, correctAnswer, explanation, blankForm, question, questionOf
    case formName, formRegion, formAgency, formAgencyOther, formGender, formContact, formDate, formTraining
    case ratingScale, openAnswerLines, screeningScore, screeningTotal, screeningNotes, screeningJudgement
    case yes, no, sectionOptional, printThisPage, practiceItems, trainerOnlyBadge, language, thenBlock
    case kindPage, kindModule, kindModulePart, kindExercise, kindDiscussion, kindCase, kindRolePlay
    case kindIcebreaker, kindEnergizer, kindQuiz, kindSurvey, kindScreening, kindReference
    case calloutAttention, calloutImportant, calloutNote, calloutExample, calloutEnergizer, calloutTrainer, calloutAnswer

    /// The three translations of this string.
    public var translations: (kk: String, ru: String, en: String) {
        switch self {
        case .home: return ("Басты бет", "Главная", "Home")
        case .agenda: return ("Бағдарлама", "Программа", "Agenda")
        case .activities: return ("Жаттығулар каталогы", "Каталог упражнений", "Activity catalogue")
        case .printAll: return ("Барлығын басып шығару", "Печать всего курса", "Print everything")
        case .search: return ("Іздеу", "Поиск", "Search")
        case .searchPlaceholder: return ("Сөз немесе тіркес…", "Слово или фраза…", "Word or phrase…")
        case .searchNoResults: return ("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found.")
        case .searchResultsFor: return ("Іздеу нәтижелері: %1", "Результаты поиска: %1", "Results for: %1")
        case .onThisPage: return ("Осы бетте", "На этой странице", "On this page")
        case .previous: return ("Алдыңғы", "Назад", "Previous")
        case .next: return ("Келесі", "Далее", "Next")
        case .breadcrumbs: return ("Орналасқан жері", "Навигационная цепочка", "Breadcrumbs")
        case .mainNavigation: return ("Негізгі навигация", "Основная навигация", "Main navigation")
        case .skipToContent: return ("Мазмұнға өту", "Перейти к содержанию", "Skip to content")
        case .modules: return ("Модульдер", "Модули", "Modules")
        case .contents: return ("Мазмұны", "Содержание", "Contents")
        case .trainerEdition: return ("Жаттықтырушы нұсқасы", "Версия для тренера", "Trainer edition")
        case .participantEdition: return ("Қатысушы нұсқасы", "Версия для участника", "Participant edition")
        case .editionNote:
            return (
                "Бұл нұсқада жауаптар мен жаттықтырушыға арналған нұсқаулар бар.",
                "Эта версия содержит ответы и указания для тренера.",
                "This edition contains answers and trainer notes."
            )
        case .otherEdition: return ("Басқа нұсқа", "Другая версия", "Other edition")
        case .minutes: return ("%1 мин", "%1 мин", "%1 min")
        case .minutesRange: return ("%1–%2 мин", "%1–%2 мин", "%1–%2 min")
        case .totalTime: return ("Барлық уақыт", "Общее время", "Total time")
        case .clockTime: return ("Уақыт", "Время", "Time")
        case .session: return ("Тренинг сессиясы", "Сессия тренинга", "Training session")
        case .materials: return ("Материалдар", "Материалы", "Materials")
        case .materialsChecklist: return ("Материалдар тізімі", "Список материалов", "Materials checklist")
        case .references: return ("Тақырыптар", "Темы", "Covers")
        case .day: return ("%1-күн", "День %1", "Day %1")
        case .track: return ("Бағыт", "Направление", "Track")
        case .joint: return ("Бірлескен бөлім", "Общий блок", "Joint block")
        case .breakLabel: return ("Үзіліс", "Перерыв", "Break")
        case .duration: return ("Ұзақтығы", "Длительность", "Duration")
        case .kind: return ("Түрі", "Тип", "Kind")
        case .module: return ("Модуль", "Модуль", "Module")
        case .allModules: return ("Барлық модульдер", "Все модули", "All modules")
        case .byModule: return ("Модульдер бойынша", "По модулям", "By module")
        case .byKind: return ("Түрі бойынша", "По типу", "By kind")
        case .icebreakersAndEnergizers: return ("Мұзжарғыштар мен энерджайзерлер", "Айсбрейкеры и энерджайзеры", "Icebreakers and energizers")
        case .howToUse: return ("Курсты қалай қолдану керек", "Как пользоваться курсом", "How to use the course")
        case .courseOverview: return ("Курсқа шолу", "Обзор курса", "Course overview")
        case .footnotes: return ("Сілтемелер", "Сноски", "Notes")
        case .downloadCSV: return ("CSV жүктеу (Excel)", "Скачать CSV (Excel)", "Download CSV (Excel)")
        case .backToTop: return ("Жоғарыға", "Наверх", "Back to top")
        case .answerKey: return ("Жауаптар кілті", "Ключ ответов", "Answer key")
        case .rubric: return ("Бағалау критерийлері", "Критерии оценки", "Scoring rubric")
        case .maxScore: return ("Ең жоғары балл: %1", "Максимальный балл: %1", "Maximum score: %1")
        case .correctAnswer: return ("Дұрыс жауап", "Правильный ответ", "Correct answer")
        case .explanation: return ("Түсіндірме", "Пояснение", "Explanation")
        case .blankForm: return ("Толтыруға арналған бланк", "Бланк для заполнения", "Blank form")
        case .question: return ("Сұрақ", "Вопрос", "Question")
        case .questionOf: return ("Сұрақ %1 / %2", "Вопрос %1 / %2", "Question %1 / %2")
        case .formName: return ("Аты-жөні", "ФИО", "Name")
        case .formRegion: return ("Өңір / қала", "Регион / город", "Region / city")
        case .formAgency: return ("Мекеме", "Ведомство", "Agency")
        case .formAgencyOther: return ("Басқа (көрсетіңіз)", "Другое (укажите)", "Other (specify)")
        case .formGender: return ("Жынысы", "Пол", "Gender")
        case .formContact: return ("Байланыс деректері (міндетті емес)", "Контакты (необязательно)", "Contact (optional)")
        case .formDate: return ("Күні", "Дата", "Date")
        case .formTraining: return ("Тренинг", "Тренинг", "Training")
        case .ratingScale: return ("1-ден 5-ке дейін бағалаңыз", "Оцените от 1 до 5", "Rate from 1 to 5")
        case .openAnswerLines: return ("Жауабыңыз", "Ваш ответ", "Your answer")
        case .screeningScore: return ("Балл", "Балл", "Score")
        case .screeningTotal: return ("Барлығы", "Итого", "Total")
        case .screeningNotes: return ("Ескертпелер", "Примечания", "Notes")
        case .screeningJudgement: return ("Қорытынды баға", "Итоговая оценка", "Final judgement")
        case .yes: return ("Иә", "Да", "Yes")
        case .no: return ("Жоқ", "Нет", "No")
        case .sectionOptional: return ("Кейбір жағдайда ғана", "Только в некоторых случаях", "Only in some cases")
        case .printThisPage: return ("Басып шығару", "Печать", "Print")
        case .practiceItems: return ("Тәжірибе сұрақтары", "Практические вопросы", "Practice questions")
        case .trainerOnlyBadge: return ("Тек жаттықтырушыға", "Только для тренера", "Trainer only")
        case .language: return ("Тіл", "Язык", "Language")
        case .thenBlock: return ("Содан кейін: %1", "Затем: %1", "Then: %1")
        case .kindPage: return ("Бет", "Страница", "Page")
        case .kindModule: return ("Модуль", "Модуль", "Module")
        case .kindModulePart: return ("Модуль бөлімі", "Раздел модуля", "Module part")
        case .kindExercise: return ("Жаттығу", "Упражнение", "Exercise")
        case .kindDiscussion: return ("Талқылау", "Обсуждение", "Discussion")
        case .kindCase: return ("Кейс", "Кейс", "Case study")
        case .kindRolePlay: return ("Рөлдік ойын", "Ролевая игра", "Role play")
        case .kindIcebreaker: return ("Мұзжарғыш", "Айсбрейкер", "Icebreaker")
        case .kindEnergizer: return ("Энерджайзер", "Энерджайзер", "Energizer")
        case .kindQuiz: return ("Тест", "Тест", "Test")
        case .kindSurvey: return ("Кері байланыс", "Обратная связь", "Feedback form")
        case .kindScreening: return ("Скрининг құралы", "Инструмент скрининга", "Screening tool")
        case .kindReference: return ("Анықтамалық", "Справка", "Reference")
        case .calloutAttention: return ("Ерекше назар аударуды қажет ететін сұрақ", "Вопрос, требующий особого внимания", "Requires special attention")
        case .calloutImportant: return ("Маңызды ескертулер", "Важные замечания", "Important notes")
        case .calloutNote: return ("Есіңізде болсын", "Запомните", "Note")
        case .calloutExample: return ("Мысал", "Пример", "Example")
        case .calloutEnergizer: return ("Энерджайзер", "Энерджайзер", "Energizer")
        case .calloutTrainer: return ("Жаттықтырушыға", "Для тренера", "For the trainer")
        case .calloutAnswer: return ("Жауаптар", "Ответы", "Answers")
        }
    }
}
