/// Every interface string of katch (site, terminal, reports), with its Kazakh, Russian and
/// English text. This is the one catalogue: code never spells UI text itself.
///
/// `%1`, `%2` … are placeholders filled by ``Localizer/callAsFunction(_:_:)``; in Kazakh, `%1{dative}` and
/// `%1{ablative}` put a number with the case ending its last word needs («1-ден 5-ке», «6-ға») — ``KazakhNumber``.
public enum UIString: String, Sendable, CaseIterable {
    // Site chrome
    case home, agenda, activities, activity, formsAndTools, printAll, search, searchPlaceholder, searchNoResults, searchResultsFor, searchCount, searchShowMore
    case onThisPage, previous, next, breadcrumbs, mainNavigation, skipToContent, modules, contents
    case trainerEdition, participantEdition, editionNote, otherEdition, menu
    case minutes, minutesRange, totalTime, clockTime, session, materials, materialsChecklist, references, agendaClockRange
    case day, dayColumn, track, joint, breakLabel, duration, kind, module, allModules, byModule, byKind
    case icebreakersAndEnergizers, howToUse, courseOverview, footnotes, downloadCSV, backToTop
    case answerKey, rubric, maxScore, correctAnswer, explanation, blankForm, question, questionOf
    case formName, formRegion, formAgency, formAgencyOther, formGender, formContact, formDate, formTraining
    case formPhase, formPhasePre, formPhasePost
    case ratingScale, openAnswerLines, screeningScore, screeningTotal, screeningNotes, screeningJudgement
    case yes, no, sectionOptional, printThisPage, practiceItems, trainerOnlyBadge, language, thenBlock, formSeveralAnswers
    case formInterviewer, formParticipantCode
    case projectName, projectFunder, projectImplementer, formPlace, formInstructor, hours
    case kindPage, kindModule, kindModulePart, kindExercise, kindDiscussion, kindCase, kindRolePlay
    case kindIcebreaker, kindEnergizer, kindQuiz, kindSurvey, kindScreening, kindReference
    case calloutAttention, calloutImportant, calloutNote, calloutExample, calloutEnergizer, calloutTrainer, calloutAnswer

    // Terminal (quiz, survey, practice, screening)
    case tQuizTitlePre, tQuizTitlePost, tFeedbackTitle, tPracticeTitle, tNoTTYPlain, tHintChoice, tHintMultiple, tHintText, tHintLine, tHintTextPlain
    case tHintChoicePlain, tHintValuePlain, tHintSkipPlain, tNothingSaved, tHintMultiplePlain, tInvalidNumber, tInvalidKey, tInvalidLetters, tInvalidEmpty, tInvalidControl, tInvalidUTF8, tTooLong
    case tYesItIsMe, tConfirmIdentity, tIdentityNotConfirmed
    case tAskCodeOrNew, tAskCodeOrName, tCodeNotFound, tNameAmbiguous, tSameNameRegistered, tNewPersonSameName, tRegisterNew, tYourCode, tKeepCode
    case tAlreadySubmittedPre, tAlreadyCompleted, tResumeOffer, tResumed, tReviewTitle, tReviewUnanswered, tReviewAllAnswered
    case tSubmitChoice, tGoToQuestion, tConfirmSubmit, tSubmitted, tSavedExit, tInterrupted, tEndOfInput, tYourScores, tScorePre
    case tScorePost, tOpenNotScored, tAnswered, tNotAnswered, tNoTraining, tPressEnter, tBack, tFieldOptional, tYesNo, tYes, tNo
    case tPracticeList, tPracticeCorrect, tPracticeIncorrect, tPracticePartly, tPracticeModelAnswer, tPracticeExplanation, tPracticeDone
    case tPracticeScore, tPracticeNotStored, tScreeningIntro, tScreeningNotes, tScreeningSection, tScreeningTotal, tScreeningJudgement, tScreeningSectionApplies, tPracticeResumeOffer
    case tScreeningSaved, tScoreTitle, tScoreRubric, tScorePrompt, tScorePoints, tScoreSaved, tScoreNothing, tTrainingAdded, tOther, tParticipantCode

    // Report
    case reportTitle, reportTrainings, reportTraining, reportPlace, reportDates, reportOverview, reportRegistered
    case reportPreSubmitted, reportPostSubmitted, reportFeedbackSubmitted, reportMatchedPairs, reportUnsubmitted
    case reportUnscored, reportUnmatched, reportOnlyPre, reportOnlyPost, reportScores, reportPre, reportPost, reportN
    case reportMean, reportMedian, reportSD, reportMin, reportMax, reportAllSubmitted, reportMatchedOnly, reportLearning
    case reportMeanGain, reportCI, reportMedianGain, reportTTest, reportDz, reportWilcoxon, reportWilcoxonNote
    case reportRankBiserial, reportHakeClass, reportHakeIndividual, reportQuestions, reportQuestion, reportFacilityPre
    case reportFacilityPost, reportChange, reportMcNemar, reportDiscrimination, reportOptions, reportReliability
    case reportFeedback, reportRatingMean, reportBreakdowns, reportByRegion, reportByAgency, reportByGender, reportGroup
    case reportSmallSample, reportFlags, reportFlagMastered, reportFlagWorse, reportFlagNegative, reportFlagReliability
    case reportNoFlags, reportComparison, reportOpenAnswers, reportComments, reportParticipant, reportPhase, reportScore
    case reportNotScored, reportMoreNotShown, reportMethod, reportMethodScore, reportMethodTests, reportMethodItems
    case reportChartDistribution, reportChartSlope, reportChartSlopeLimited, reportChartQuestions, reportChartFeedback
    case reportChartComparison, reportUnavailable, reportOther, reportNone, reportExact, reportChiSquare, reportReasonEmpty
    case reportReasonFewerThanTwo, reportReasonZeroVariance, reportReasonAllZero, reportReasonNothingPaired, reportReasonPreAtMax
    case reportReasonAllPreAtMax, reportReasonConstantItem, reportReasonConstantRest, reportReasonFewItems, reportReasonZeroTotalVariance
    case reportReasonNoDiscordant, reportReasonOpenQuestion, reportReasonSuppressed, reportAnswersLeftOut
    case reportHeadlineUp, reportHeadlineDown, reportHeadlineSame, reportMeaning, reportMcNemarLegend, reportChartComparisonLimited
    case reportExplainPairs, reportExplainMeanGain, reportExplainCI, reportExplainMedian, reportExplainP, reportExplainDz
    case reportExplainWilcoxon, reportExplainRankBiserial, reportExplainHake, reportExplainHakeIndividual, reportExplainKR20

    // issue 12
    case tPasteIgnored, tLeaveConfirm, tNoPreTest, tRegisterNewPost, tScreeningReadAloud, tScreeningAllowed, tScreeningSums
    case tTypeAheadDropped, tSaving

    /// The three translations of this string.
    public var translations: (kk: String, ru: String, en: String) {
        switch self {
        case .home: return ("Басты бет", "Главная", "Home")
        case .agenda: return ("Бағдарлама", "Программа", "Agenda")
        case .activities: return ("Жаттығулар каталогы", "Каталог упражнений", "Activity catalogue")
        case .activity: return ("Жаттығу", "Упражнение", "Activity")
        case .formsAndTools: return ("Каталог, нысандар және басып шығару", "Каталог, формы и печать", "Catalogue, forms and printing")
        case .printAll: return ("Барлығын басып шығару", "Печать всего курса", "Print everything")
        case .search: return ("Іздеу", "Поиск", "Search")
        case .searchPlaceholder: return ("Сөз немесе тіркес…", "Слово или фраза…", "Word or phrase…")
        case .searchNoResults: return ("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found.")
        case .searchResultsFor: return ("Іздеу нәтижелері: %1", "Результаты поиска: %1", "Results for: %1")
        case .searchCount: return ("табылғаны: %1", "найдено: %1", "found: %1")
        case .searchShowMore: return ("Тағы көрсету (қалғаны: %1)", "Показать ещё (осталось: %1)", "Show more (%1 left)")
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
        case .menu: return ("Мәзір", "Меню", "Menu")
        case .minutes: return ("%1 мин", "%1 мин", "%1 min")
        case .minutesRange: return ("%1–%2 мин", "%1–%2 мин", "%1–%2 min")
        case .totalTime: return ("Барлық уақыт", "Общее время", "Total time")
        case .clockTime: return ("Уақыт", "Время", "Time")
        case .agendaClockRange:
            return (
                "Уақыт «басталуы–аяқталуы» түрінде берілген. «10:45/10:50» — ұзақтығы аралықпен (мысалы, 5–10 мин) берілген сессиялардан кейінгі ең ерте және ең кеш уақыт.",
                "Время указано как «начало–конец». «10:45/10:50» — самое раннее и самое позднее время после сессий, длительность которых задана диапазоном (например, 5–10 мин).",
                "Times are start–end. «10:45/10:50» is the earliest and the latest time after sessions whose length is a range (such as 5–10 min)."
            )
        case .session: return ("Тренинг сессиясы", "Сессия тренинга", "Training session")
        case .materials: return ("Материалдар", "Материалы", "Materials")
        case .materialsChecklist: return ("Материалдар тізімі", "Список материалов", "Materials checklist")
        case .references: return ("Тақырыптар", "Темы", "Covers")
        case .day: return ("%1-күн", "День %1", "Day %1")
        case .dayColumn: return ("Күн", "День", "Day")
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
        case .formPhase: return ("Сауалнама түрі", "Вид анкеты", "Questionnaire")
        case .formPhasePre: return ("Тренингке дейін", "До тренинга", "Before the training")
        case .formPhasePost: return ("Тренингтен кейін", "После тренинга", "After the training")
        case .ratingScale: return ("1-ден %1{dative} дейін бағалаңыз", "Оцените от 1 до %1", "Rate from 1 to %1")
        case .openAnswerLines: return ("Жауабыңыз", "Ваш ответ", "Your answer")
        case .screeningScore: return ("Балл", "Балл", "Score")
        case .screeningTotal: return ("Барлығы", "Итого", "Total")
        case .screeningNotes: return ("Ескертпелер", "Примечания", "Notes")
        case .screeningJudgement: return ("Қорытынды баға", "Итоговая оценка", "Final judgement")
        case .yes: return ("Иә", "Да", "Yes")
        case .no: return ("Жоқ", "Нет", "No")
        case .sectionOptional: return ("Кейбір жағдайда ғана", "Только в некоторых случаях", "Only in some cases")
        case .printThisPage: return ("Басып шығару", "Печать", "Print")
        case .formSeveralAnswers: return ("Бірнеше жауапты белгілеуге болады.", "Можно отметить несколько ответов.", "You may tick more than one answer.")
        case .formInterviewer: return ("Сұхбат алған", "Интервьюер", "Interviewer")
        case .formParticipantCode: return ("Қатысушының коды", "Код участника", "Participant code")
        case .practiceItems: return ("Тәжірибе сұрақтары", "Практические вопросы", "Practice questions")
        case .trainerOnlyBadge: return ("Тек жаттықтырушыға", "Только для тренера", "Trainer only")
        case .language: return ("Тіл", "Язык", "Language")
        case .thenBlock: return ("Содан кейін: %1", "Затем: %1", "Then: %1")
        case .hours: return ("%1 сағ", "%1 ч", "%1 h")
        case .formPlace: return ("Тренингті өткізу орны", "Место проведения тренинга", "Venue")
        case .formInstructor: return ("Нұсқаушының аты-жөні", "ФИО тренера", "Instructor")
        case .projectName: return ("Жоба", "Проект", "Project")
        case .projectFunder: return ("Қаржыландырушы", "Финансирование", "Funded by")
        case .projectImplementer: return ("Жүзеге асырушы", "Исполнитель", "Implemented by")
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
        case .tQuizTitlePre: return ("Тренингке дейінгі тест", "Тест до тренинга", "Pre-training test")
        case .tQuizTitlePost: return ("Тренингтен кейінгі тест", "Тест после тренинга", "Post-training test")
        case .tFeedbackTitle: return ("Кері байланыс", "Обратная связь", "Feedback")
        case .tPracticeTitle: return ("Жаттығу: %1", "Практика: %1", "Practice: %1")
        case .tNoTTYPlain: return ("Қарапайым режим", "Простой режим", "Plain mode")
        case .tHintChoice:
            // %1: the moving keys (↑↓, with j/k when those letters are not options), %2: the keys that choose at once.
            return ("%1: жылжу · Enter: таңдау · %2: тікелей · ←: артқа · Ctrl-C: сақтап шығу",
                    "%1: выбор · Enter: подтвердить · %2: сразу · ←: назад · Ctrl-C: сохранить и выйти",
                    "%1: move · Enter: choose · %2: direct · ←: back · Ctrl-C: save and quit")
        case .tHintMultiple:
            return ("↑↓: жылжу · Бос орын / 1–9 / a–z: белгілеу · Enter: растау · ←: артқа",
                    "↑↓: выбор · Пробел / 1–9 / a–z: отметить · Enter: подтвердить · ←: назад",
                    "↑↓: move · Space / 1–9 / a–z: toggle · Enter: confirm · ←: back")
        case .tHintText:
            return ("Enter: жаңа жол · екі рет Enter немесе Ctrl-D: дайын · ←→↑↓ Home End: курсор · Esc: артқа",
                    "Enter: новая строка · два раза Enter или Ctrl-D: готово · ←→↑↓ Home End: курсор · Esc: назад",
                    "Enter: new line · Enter twice or Ctrl-D: done · ←→↑↓ Home End: cursor · Esc: back")
        case .tHintLine:
            return ("Enter: дайын · ←→ Home End: курсор · Esc: артқа · Ctrl-C: сақтап шығу",
                    "Enter: готово · ←→ Home End: курсор · Esc: назад · Ctrl-C: сохранить и выйти",
                    "Enter: done · ←→ Home End: cursor · Esc: back · Ctrl-C: save and quit")
        case .tHintTextPlain:
            return ("Жауапты жазыңыз; бітіру үшін жеке жолға «.» жазыңыз. «<» — артқа.",
                    "Напишите ответ; для завершения — строка «.». «<» — назад.",
                    "Type your answer; finish with a line holding only «.». «<» goes back.")
        case .tHintChoicePlain:
            return ("Нөмірін немесе әрпін енгізіңіз. «<» — артқа.",
                    "Введите номер или букву. «<» — назад.",
                    "Type the number or letter. «<» goes back.")
        case .tHintValuePlain: return ("Мәнін енгізіңіз: %1. «<» — артқа.", "Введите значение: %1. «<» — назад.", "Type the value: %1. «<» goes back.")
        case .tHintSkipPlain: return ("Бос жол — өткізіп жіберу.", "Пустая строка — пропустить.", "An empty line skips.")
        case .tNothingSaved:
            return ("Тіркелу аяқталмады, ештеңе сақталған жоқ.", "Регистрация не завершена, ничего не сохранено.",
                    "Registration was not finished; nothing was saved.")
        case .tHintMultiplePlain:
            return ("Бір немесе бірнеше нөмір/әріп енгізіңіз (мысалы: 1 3 немесе a,c). «<» — артқа.",
                    "Введите один или несколько номеров/букв (например: 1 3 или a,c). «<» — назад.",
                    "Type one or more numbers/letters (e.g. 1 3 or a,c). «<» goes back.")
        case .tInvalidKey: return ("Қате: мыналардың бірін енгізіңіз: %1.", "Ошибка: введите одно из: %1.", "Invalid: type one of %1.")
        case .tInvalidNumber: return ("Қате: 1-ден %1{dative} дейінгі нөмірді немесе әріпті енгізіңіз.", "Ошибка: введите номер от 1 до %1 или букву.", "Invalid: type a number from 1 to %1 or a letter.")
        case .tInvalidLetters: return ("Қате: тек тізімдегі нөмірлер мен әріптер (1–%1).", "Ошибка: только номера и буквы из списка (1–%1).", "Invalid: only numbers and letters from the list (1–%1).")
        case .tInvalidEmpty: return ("Бұл өріс міндетті.", "Это поле обязательно.", "This field is required.")
        case .tInvalidControl: return ("Қате: басқару таңбаларына рұқсат жоқ.", "Ошибка: управляющие символы недопустимы.", "Invalid: control characters are not allowed.")
        case .tInvalidUTF8: return ("Қате: мәтін UTF-8 емес.", "Ошибка: текст не в UTF-8.", "Invalid: the text is not UTF-8.")
        case .tTooLong: return ("Тым ұзын: ең көбі %1 таңба.", "Слишком длинно: не более %1 символов.", "Too long: at most %1 characters.")
        case .tAskCodeOrNew:
            return ("Тестті бұрын бастаған болсаңыз, кодыңызды енгізіңіз. Жаңа қатысушы болсаңыз, Enter басыңыз.",
                    "Если вы уже начинали тест, введите свой код. Если вы новый участник, нажмите Enter.",
                    "If you started the test before, type your code. New participants press Enter.")
        case .tAskCodeOrName: return ("Қатысушы кодыңызды немесе аты-жөніңізді енгізіңіз", "Введите код участника или ФИО", "Type your participant code or your name")
        case .tCodeNotFound: return ("Бұл тренингте мұндай код немесе есім табылмады.", "В этом тренинге такой код или имя не найдены.", "No such code or name in this training.")
        case .tNameAmbiguous: return ("Бұл есіммен бірнеше қатысушы бар: кодыңызды енгізіңіз.", "Несколько участников с этим именем: введите код.", "Several participants have this name: type your code.")
        case .tYesItIsMe: return ("Иә, бұл мен", "Да, это я", "Yes, it is me")
        case .tConfirmIdentity:
            return (
                "Бұл сіз екеніңізді растау үшін тіркелу кезінде берген жауабыңызды таңдаңыз.",
                "Чтобы подтвердить, что это вы, выберите ответ, который вы дали при регистрации.",
                "To confirm that it is you, choose the answer you gave when you registered."
            )
        case .tIdentityNotConfirmed:
            return (
                "Растау мүмкін болмады. Қатысушы кодыңызды енгізіңіз немесе жаттықтырушыға жүгініңіз.",
                "Подтвердить не удалось. Введите код участника или обратитесь к тренеру.",
                "This could not be confirmed. Type your participant code or ask the trainer."
            )
        case .tSameNameRegistered:
            return ("Осы тренингте бұл атпен тіркелген қатысушы бар. Олардың бірі сіз бе?",
                    "В этом тренинге уже есть участник с таким именем. Это вы?",
                    "A participant with this name is already registered in this training. Is one of them you?")
        case .tNewPersonSameName: return ("Жоқ, мен — басқа, жаңа қатысушымын", "Нет, я другой, новый участник", "No, I am another, new participant")
        case .tRegisterNew: return ("Табылмады. Жаңа қатысушы ретінде тіркелесіз бе?", "Не найдено. Зарегистрироваться как новый участник?", "Not found. Register as a new participant?")
        case .tYourCode: return ("Сіздің қатысушы кодыңыз: %1", "Ваш код участника: %1", "Your participant code: %1")
        case .tKeepCode: return ("Оны жазып алыңыз: тренингтен кейінгі тестте қажет болады.", "Запишите его: он понадобится в тесте после тренинга.", "Write it down: you will need it for the post-test.")
        case .tAlreadySubmittedPre: return ("Сіз тренингке дейінгі тестті тапсырып қойдыңыз; екінші рет тапсыруға болмайды.", "Вы уже сдали тест до тренинга; повторно сдать нельзя.", "You have already submitted the pre-test; it cannot be taken twice.")
        case .tAlreadyCompleted: return ("Сіз бұл тестті және кері байланысты тапсырып қойдыңыз. Рақмет!", "Вы уже сдали этот тест и обратную связь. Спасибо!", "You have already submitted this test and the feedback. Thank you!")
        case .tResumeOffer: return ("Сіз бұл тестті бастағансыз (%1 жауап сақталған). Жалғастырасыз ба?", "Вы уже начали этот тест (сохранено ответов: %1). Продолжить?", "You started this test before (%1 answers saved). Continue?")
        case .tResumed: return ("Жалғастырамыз: %1-сұрақ.", "Продолжаем: вопрос %1.", "Resuming at question %1.")
        case .tReviewTitle: return ("Тапсыру алдында тексеру", "Проверка перед отправкой", "Review before submitting")
        case .tReviewUnanswered: return ("Жауап берілмеген сұрақтар: %1", "Вопросы без ответа: %1", "Unanswered questions: %1")
        case .tReviewAllAnswered: return ("Барлық сұрақтарға жауап берілді.", "На все вопросы даны ответы.", "All questions are answered.")
        case .tSubmitChoice: return ("Тапсыру", "Отправить", "Submit")
        case .tGoToQuestion: return ("%1-сұраққа оралу", "Вернуться к вопросу %1", "Go back to question %1")
        case .tConfirmSubmit: return ("Тапсырғаннан кейін жауаптарды өзгерту мүмкін емес. Тапсырасыз ба?", "После отправки ответы изменить нельзя. Отправить?", "Answers cannot change after submitting. Submit now?")
        case .tSubmitted: return ("Жауаптарыңыз тапсырылды. Рақмет!", "Ваши ответы отправлены. Спасибо!", "Your answers are submitted. Thank you!")
        case .tSavedExit: return ("Жауаптарыңыз сақталды. Жалғастыру үшін сол команданы қайта іске қосыңыз.", "Ответы сохранены. Чтобы продолжить, запустите ту же команду снова.", "Your answers are saved. Run the same command again to continue.")
        case .tInterrupted: return ("Тоқтатылды.", "Прервано.", "Interrupted.")
        case .tEndOfInput: return ("Енгізу аяқталды.", "Ввод закончился.", "End of input.")
        case .tYourScores: return ("Сіздің нәтижелеріңіз", "Ваши результаты", "Your results")
        case .tScorePre: return ("Тренингке дейін: %1%", "До тренинга: %1%", "Before the training: %1%")
        case .tScorePost: return ("Тренингтен кейін: %1%", "После тренинга: %1%", "After the training: %1%")
        case .tOpenNotScored: return ("(ашық сұрақтарды жаттықтырушы кейін бағалайды)", "(открытые вопросы тренер оценит позже)", "(the trainer scores open questions later)")
        case .tAnswered: return ("жауап берілді", "есть ответ", "answered")
        case .tNotAnswered: return ("жауап жоқ", "нет ответа", "not answered")
        case .tNoTraining: return ("«%1» тренингі жоқ. Алдымен: katch training add", "Тренинга «%1» нет. Сначала: katch training add", "No training «%1». First: katch training add")
        case .tPressEnter: return ("Жалғастыру үшін Enter басыңыз", "Нажмите Enter, чтобы продолжить", "Press Enter to continue")
        case .tBack: return ("Артқа", "Назад", "Back")
        case .tFieldOptional: return ("(міндетті емес; өткізу үшін Enter)", "(необязательно; Enter — пропустить)", "(optional; Enter to skip)")
        case .tYesNo: return ("Иә / Жоқ", "Да / Нет", "Yes / No")
        case .tYes: return ("Иә", "Да", "Yes")
        case .tNo: return ("Жоқ", "Нет", "No")
        case .tPracticeList: return ("Жаттығуға болатын тапсырмалар", "Доступные упражнения", "Practice exercises")
        case .tPracticeCorrect: return ("Дұрыс.", "Верно.", "Correct.")
        case .tPracticeIncorrect: return ("Дұрыс емес. Дұрыс жауап: %1", "Неверно. Правильный ответ: %1", "Not correct. The answer: %1")
        case .tPracticePartly: return ("Ішінара дұрыс. Дұрыс жауап: %1", "Частично верно. Правильный ответ: %1", "Partly right. The answer: %1")
        case .tPracticeModelAnswer: return ("Үлгі жауап", "Образец ответа", "Model answer")
        case .tPracticeExplanation: return ("Жаттықтырушының түсіндірмесі", "Пояснение тренера", "Trainer's explanation")
        case .tPracticeDone: return ("Жаттығу аяқталды.", "Упражнение завершено.", "Practice finished.")
        case .tPracticeScore: return ("Дұрыс жауаптар: %1 / %2", "Правильных ответов: %1 / %2", "Correct answers: %1 / %2")
        case .tPracticeNotStored: return ("Бұл жаттығу нәтижелері тест нәтижелерінен бөлек сақталады.", "Результаты практики хранятся отдельно от результатов теста.", "Practice results are kept apart from test results.")
        case .tScreeningIntro:
            return ("Бұл рөлдік ойынға арналған жаттығу құралы. Нақты адамның деректерін енгізбеңіз.",
                    "Это учебный инструмент для ролевой игры. Не вводите данные реальных людей.",
                    "This is practice material for role play. Do not enter a real person's data.")
        case .tScreeningNotes: return ("Ескертпе (міндетті емес)", "Примечание (необязательно)", "Note (optional)")
        case .tScreeningSection: return ("%1 бөлімі: %2 / %3", "Раздел %1: %2 / %3", "Section %1: %2 / %3")
        case .tScreeningTotal: return ("%1: %2 / %3", "%1: %2 / %3", "%1: %2 / %3")
        case .tScreeningJudgement: return ("Қорытынды баға", "Итоговая оценка", "Final judgement")
        case .tPracticeResumeOffer:
            return ("Сіз бұл жаттығуды бастағансыз (%1 жауап сақталған). Жалғастырасыз ба?",
                    "Вы уже начали это упражнение (сохранено ответов: %1). Продолжить?",
                    "You started this exercise before (%1 answers saved). Continue?")
        case .tScreeningSectionApplies:
            return ("Бұл бөлім осы сұхбатқа қолданыла ма (жоғарыдағы шартты қараңыз)?",
                    "Применяется ли этот раздел к этому интервью (см. условие выше)?",
                    "Does this section apply to this interview (see the condition above)?")
        case .tScreeningSaved: return ("Толтырылған нысан сақталды: %1", "Заполненная форма сохранена: %1", "Filled form saved: %1")
        case .tScoreTitle: return ("Ашық жауаптарды бағалау", "Оценка открытых ответов", "Scoring open answers")
        case .tScoreRubric: return ("Бағалау критерийлері", "Критерии оценки", "Rubric")
        case .tScorePrompt: return ("Балл (0–%1)", "Балл (0–%1)", "Score (0–%1)")
        case .tScorePoints: return ("%1 балл", "%1 балл(а)", "%1 point(s)")
        case .tScoreSaved: return ("Бағаланды: %1 жауап.", "Оценено ответов: %1.", "Scored: %1 answers.")
        case .tScoreNothing: return ("Бағалайтын ашық жауап жоқ.", "Нет открытых ответов для оценки.", "No open answers to score.")
        case .tTrainingAdded: return ("Тренинг қосылды: %1", "Тренинг добавлен: %1", "Training added: %1")
        case .tOther: return ("Басқа", "Другое", "Other")
        case .tParticipantCode: return ("Қатысушы коды", "Код участника", "Participant code")
        // Report
        case .reportTitle: return ("Тренингті бағалау қорытындысы", "Итоги оценки тренинга", "Training evaluation summary")
        case .reportTrainings: return ("Тренингтер", "Тренинги", "Trainings")
        case .reportTraining: return ("Тренинг", "Тренинг", "Training")
        case .reportPlace: return ("Өткізілген орны", "Место", "Place")
        case .reportDates: return ("Күндері", "Даты", "Dates")
        case .reportOverview: return ("Жалпы шолу", "Обзор", "Overview")
        case .reportRegistered: return ("Тіркелген қатысушылар", "Зарегистрировано участников", "Participants registered")
        case .reportPreSubmitted: return ("Тапсырылған пре-тесттер", "Сдано пре-тестов", "Pre-tests submitted")
        case .reportPostSubmitted: return ("Тапсырылған пост-тесттер", "Сдано пост-тестов", "Post-tests submitted")
        case .reportFeedbackSubmitted: return ("Тапсырылған кері байланыс нысандары", "Сдано форм обратной связи", "Feedback forms submitted")
        case .reportMatchedPairs: return ("Жұптастырылған қатысушылар (пре және пост)", "Сопоставленные пары (пре и пост)", "Matched pairs (pre and post)")
        case .reportUnsubmitted: return ("Басталған, бірақ тапсырылмаған (талдауға кірмейді): пре %1, пост %2, кері байланыс %3", "Начаты, но не сданы (не анализируются): пре %1, пост %2, обратная связь %3", "Started but not submitted (not analysed): pre %1, post %2, feedback %3")
        case .reportUnscored: return ("Әлі бағаланбаған ашық жауаптар: %1 (katch score іске қосыңыз)", "Ещё не оценённые открытые ответы: %1 (запустите katch score)", "Open answers not yet scored: %1 (run katch score)")
        case .reportUnmatched: return ("Жұбы жоқ қатысушылар", "Участники без пары", "Unmatched participants")
        case .reportOnlyPre: return ("тек пре-тест", "только пре-тест", "pre-test only")
        case .reportOnlyPost: return ("тек пост-тест", "только пост-тест", "post-test only")
        case .reportScores: return ("Тренингке дейінгі және кейінгі нәтижелер (ең жоғары баллдың %-ы)", "Результаты до и после (% от максимума)", "Scores before and after (% of the maximum)")
        case .reportPre: return ("Пре-тест", "Пре-тест", "Pre-test")
        case .reportPost: return ("Пост-тест", "Пост-тест", "Post-test")
        case .reportN: return ("n", "n", "n")
        case .reportMean: return ("Орташа", "Среднее", "Mean")
        case .reportMedian: return ("Медиана", "Медиана", "Median")
        case .reportSD: return ("Стандартты ауытқу", "Стандартное отклонение", "SD")
        case .reportMin: return ("Ең төмен", "Минимум", "Min")
        case .reportMax: return ("Ең жоғары", "Максимум", "Max")
        case .reportAllSubmitted: return ("барлық тапсырылғандар", "все сданные", "all submitted")
        case .reportMatchedOnly: return ("жұптар ғана", "только пары", "matched pairs only")
        case .reportLearning: return ("Білім өсімі (жұптастырылған қатысушылар)", "Прирост знаний (сопоставленные пары)", "Learning gain (matched pairs)")
        case .reportMeanGain: return ("Орташа өсім (пайыздық тармақ)", "Средний прирост (процентные пункты)", "Mean gain (percentage points)")
        case .reportCI: return ("95% сенімділік аралығы", "95% доверительный интервал", "95% confidence interval")
        case .reportMedianGain: return ("Өсімнің медианасы", "Медиана прироста", "Median gain")
        case .reportTTest: return ("Жұптық t-тест", "Парный t-критерий", "Paired t-test")
        case .reportDz: return ("Коэн d_z", "d_z Коэна", "Cohen's d_z")
        case .reportWilcoxon: return ("Уилкоксонның таңбалы рангтік критерийі", "Критерий знаковых рангов Уилкоксона", "Wilcoxon signed-rank test")
        case .reportWilcoxonNote: return ("нөлдік айырмалар алынып тасталды: %1; қалыпты жуықтау, тең рангтер мен үзіліссіздік түзетуімен", "нулевые разности исключены: %1; нормальная аппроксимация с поправками на связки и непрерывность", "zero differences dropped: %1; normal approximation with tie and continuity correction")
        case .reportRankBiserial: return ("Рангтік-бисериалды r", "Рангово-бисериальный r", "Rank-biserial r")
        case .reportHakeClass: return ("Хейктің топтық өсімі ⟨g⟩", "Нормализованный прирост Хейка по группе ⟨g⟩", "Hake's class gain ⟨g⟩")
        case .reportHakeIndividual: return ("Жеке өсімдердің орташасы g (пре = 100% болған %1 қатысушы алынып тасталды)", "Среднее индивидуальных приростов g (исключено с пре = 100%: %1)", "Mean individual gain g (%1 excluded with pre = 100%)")
        case .reportQuestions: return ("Сұрақтар бойынша", "По вопросам", "Questions")
        case .reportQuestion: return ("Сұрақ", "Вопрос", "Question")
        case .reportFacilityPre: return ("Дұрыс жауаптар, пре", "Доля верных, пре", "Facility pre")
        case .reportFacilityPost: return ("Дұрыс жауаптар, пост", "Доля верных, пост", "Facility post")
        case .reportChange: return ("Өзгеріс", "Изменение", "Change")
        case .reportMcNemar: return ("Мак-Немар p", "p Мак-Немара", "McNemar p")
        case .reportDiscrimination: return ("Дискриминация (пре / пост)", "Дискриминация (пре / пост)", "Discrimination (pre / post)")
        case .reportOptions: return ("Таңдалған нұсқалар (пре → пост)", "Выбранные варианты (пре → пост)", "Options chosen (pre → post)")
        case .reportReliability: return ("Тесттің сенімділігі (KR-20)", "Надёжность теста (KR-20)", "Test reliability (KR-20)")
        case .reportFeedback: return ("Кері байланыс", "Обратная связь", "Feedback")
        case .reportRatingMean: return ("Орташа баға", "Средняя оценка", "Mean rating")
        case .reportBreakdowns: return ("Топтар бойынша", "По группам", "Breakdowns")
        case .reportByRegion: return ("Өңір бойынша", "По регионам", "By region")
        case .reportByAgency: return ("Мекеме бойынша", "По ведомствам", "By agency")
        case .reportByGender: return ("Жынысы бойынша", "По полу", "By gender")
        case .reportGroup: return ("Топ", "Группа", "Group")
        case .reportSmallSample:
            return (
                "⚠ — %1{ablative} аз жұп: жеке адамды анықтамау үшін тек саны көрсетіледі", "⚠ — меньше %1 пар: ради конфиденциальности показано только число",
                "⚠ — fewer than %1 matched pairs: counts only, so that no one can be identified"
            )
        case .reportFlags: return ("Назар аударатын жайттар", "На что обратить внимание", "Points to look at")
        case .reportFlagMastered: return ("%1: тренингке дейін-ақ жақсы білген (пре %2)", "%1: уже хорошо знали до тренинга (пре %2)", "%1: already known before the training (pre %2)")
        case .reportFlagWorse: return ("%1: тренингтен кейін дұрыс жауаптар азайды (өзгеріс %2)", "%1: после тренинга верных ответов меньше (изменение %2)", "%1: fewer correct answers after the training (change %2)")
        case .reportFlagNegative: return ("%1: %2 нәтижелерінде теріс дискриминация (r = %3)", "%1: отрицательная дискриминация, %2 (r = %3)", "%1: negative discrimination in the %2 (r = %3)")
        case .reportFlagReliability: return ("Сенімділігі төмен: %1 (KR-20 = %2)", "Низкая надёжность: %1 (KR-20 = %2)", "Low reliability of the %1 (KR-20 = %2)")
        case .reportNoFlags: return ("Ерекше белгіленетін ештеңе жоқ.", "Ничего не отмечено.", "Nothing flagged.")
        case .reportComparison: return ("Тренингтерді салыстыру", "Сравнение тренингов", "Comparison across trainings")
        case .reportOpenAnswers: return ("Ашық сұрақтарға жауаптар", "Ответы на открытые вопросы", "Open answers")
        case .reportComments: return ("Кері байланыс пікірлері", "Комментарии обратной связи", "Feedback comments")
        case .reportParticipant: return ("Қатысушы коды", "Код участника", "Participant code")
        case .reportPhase: return ("Кезең", "Этап", "Phase")
        case .reportScore: return ("Балл", "Балл", "Score")
        case .reportNotScored: return ("бағаланбаған", "не оценено", "not scored")
        case .reportMoreNotShown: return ("… тағы %1 (барлығы JSON және CSV есептерінде)", "… и ещё %1 (все есть в отчётах JSON и CSV)", "… and %1 more (all are in the JSON and CSV reports)")
        case .reportMethod: return ("Көрсеткіштер қалай есептеледі", "Как рассчитаны показатели", "How the figures are computed")
        case .reportMethodScore: return ("Балл — тесттің ең жоғары баллының пайызы. Тек тапсырылған тесттер есептеледі. Таңдау сұрағының дұрыстығын курстың кілті шешеді. Жауап берілмеген сұрақ 0 балл. Әлі бағаланбаған ашық жауап жаттықтырушы бағалағанға дейін алымнан да, ең жоғары баллдан да алынып тасталады.", "Балл — процент от максимального балла теста. Учитываются только сданные тесты. Верность ответа на вопрос с выбором определяет ключ курса. Вопрос без ответа — 0 баллов. Ещё не оценённый открытый ответ исключается и из баллов, и из максимума, пока тренер его не оценит.", "A score is the percentage of the quiz maximum. Only submitted tests count. The course's key decides whether a choice answer is right. An unanswered question scores 0. An open answer not yet scored by the trainer is left out of both the points and the maximum until it is scored.")
        case .reportMethodTests: return ("Пре және пост код бойынша жұптастырылады. Орташа өсімнің 95% аралығы мен t-тест Стьюдент үлестірімі бойынша; Уилкоксон критерийінде нөлдік айырмалар алынып тасталады, қалыпты жуықтау тең рангтер мен үзіліссіздік түзетуімен. Хейктің жеке өсімдерінен пре = 100% болғандар алынып тасталады.", "Пре и пост сопоставляются по коду участника. 95% интервал среднего прироста и t-критерий — по распределению Стьюдента; в критерии Уилкоксона нулевые разности исключены, нормальная аппроксимация с поправками на связки и непрерывность. Из индивидуальных приростов Хейка исключены участники с пре = 100%.", "Pre and post are matched by participant code. The 95% interval of the mean gain and the t-test use Student's t; the Wilcoxon test drops zero differences and uses the normal approximation with tie and continuity correction. Hake's individual gains leave out participants with pre = 100%.")
        case .reportMethodItems: return ("Сұрақтар көрсеткіштері (дұрыс жауаптар үлесі, дискриминация — Moodle бойынша сұрақ пен қалған тест арасындағы корреляция, KR-20, нұсқалар саны) сол кезеңнің барлық тапсырылған тесттері бойынша; Мак-Немар критерийі жұптар бойынша (сәйкессіз жұптар 25-тен аз болса — дәл биномдық). KR-20 тек таңдау сұрақтары бойынша. Ашық сұрақтың көрсеткіші — алынған баллдың ең жоғары балға орташа үлесі: жауапсыз қалғаны 0, әлі бағаланбағаны есептелмейді.", "Показатели вопросов (доля верных, дискриминация — корреляция вопроса с остальным тестом, как в Moodle, KR-20, частоты вариантов) — по всем сданным тестам этапа; критерий Мак-Немара — по парам (точный биномиальный при числе несовпадающих пар меньше 25). KR-20 — только по вопросам с выбором. Для открытого вопроса — средняя доля полученных баллов от максимума: без ответа — 0, ещё не оценённые не учитываются.", "Question figures (facility, discrimination as Moodle defines it — the item–rest correlation, KR-20, option counts) use every submitted test of the phase; McNemar uses matched pairs (exact binomial when fewer than 25 discordant pairs). KR-20 uses the choice questions only. An open question's facility is the mean share of its points: a skipped answer counts 0, an answer not yet scored is left out.")
        case .reportChartDistribution: return ("Пре және пост нәтижелерінің үлестірімі", "Распределение результатов пре и пост", "Distribution of scores before and after")
        case .reportChartSlope: return ("Әр қатысушының нәтижесі: дейін және кейін", "Результат каждого участника: до и после", "Each participant's score before and after")
        case .reportChartSlopeLimited: return ("%2 қатысушының алғашқы %1-і көрсетілген", "показаны первые %1 из %2 участников", "first %1 of %2 participants shown")
        case .reportChartQuestions: return ("Сұрақтар бойынша дұрыс жауаптар үлесі: дейін және кейін", "Доля верных ответов по вопросам: до и после", "Correct answers per question, before and after")
        case .reportChartFeedback: return ("Кері байланыс бағалары", "Оценки обратной связи", "Feedback ratings")
        case .reportChartComparison: return ("Тренингтер бойынша орташа нәтиже", "Средний результат по тренингам", "Mean score per training")
        case .reportUnavailable: return ("жоқ: %1", "нет: %1", "n/a: %1")
        case .reportOther: return ("Басқа", "Другое", "Other")
        case .reportNone: return ("жоқ", "нет", "none")
        case .reportExact: return ("дәл", "точный", "exact")
        case .reportChiSquare: return ("χ²", "χ²", "χ²")
        case .reportReasonEmpty: return ("деректер жоқ", "нет данных", "no data")
        case .reportReasonFewerThanTwo: return ("n < 2", "n < 2", "n < 2")
        case .reportReasonZeroVariance: return ("дисперсия нөлге тең", "нулевая дисперсия", "zero variance")
        case .reportReasonAllZero: return ("барлық айырмалар нөлге тең", "все разности равны нулю", "all differences are zero")
        case .reportReasonNothingPaired: return ("жұптар жоқ", "нет пар", "nothing paired")
        case .reportReasonPreAtMax: return ("пре орташасы ең жоғары балл", "среднее пре на максимуме", "mean pre = maximum")
        case .reportReasonAllPreAtMax: return ("барлық пре = ең жоғары балл", "все пре на максимуме", "every pre = maximum")
        case .reportReasonConstantItem: return ("сұраққа барлығы бірдей жауап берген", "на вопрос все ответили одинаково", "constant item score")
        case .reportReasonConstantRest: return ("қалған тест баллы тұрақты", "остальной тест постоянен", "constant rest score")
        case .reportReasonFewItems: return ("сұрақтар 2-ден аз", "меньше 2 вопросов", "fewer than 2 items")
        case .reportReasonZeroTotalVariance: return ("жалпы баллдар бірдей", "итоговые баллы одинаковы", "zero variance of totals")
        case .reportReasonNoDiscordant: return ("өзгерген жұптар жоқ", "нет изменившихся пар", "no discordant pairs")
        case .reportReasonOpenQuestion: return ("ашық сұрақ", "открытый вопрос", "open question")
        case .reportHeadlineUp:
            return ("Орташа балл %1%-дан %2%-ға өсті (n = %3).", "Средний балл вырос с %1% до %2% (n = %3).", "The mean score rose from %1% to %2% (n = %3).")
        case .reportHeadlineDown:
            return ("Орташа балл %1%-дан %2%-ға төмендеді (n = %3).", "Средний балл снизился с %1% до %2% (n = %3).", "The mean score fell from %1% to %2% (n = %3).")
        case .reportHeadlineSame:
            return ("Орташа балл өзгерген жоқ: %1% (n = %2).", "Средний балл не изменился: %1% (n = %2).", "The mean score did not change: %1% (n = %2).")
        case .reportMeaning: return ("Нені білдіреді", "Что это значит", "What it means")
        case .reportMcNemarLegend:
            return (
                "Мак-Немар: b — тренингке дейін дұрыс, кейін бұрыс жауап бергендер саны; c — тренингке дейін бұрыс, кейін дұрыс жауап бергендер саны. p < 0.05 болса, өзгеріс кездейсоқ емес деп саналады.",
                "Мак-Немар: b — число ответивших верно до тренинга и неверно после; c — неверно до и верно после. При p < 0.05 изменение считается неслучайным.",
                "McNemar: b — participants right before the training and wrong after; c — wrong before and right after. With p < 0.05 the change is taken as not due to chance."
            )
        case .reportChartComparisonLimited:
            return (
                "Орташа өсімі ең жоғары %1 және ең төмен %2 тренинг көрсетілген; қалған %3 тренинг — жоғарыдағы кестеде.",
                "Показаны %1 тренингов с наибольшим и %2 с наименьшим средним приростом; остальные %3 — в таблице выше.",
                "The %1 trainings with the highest and the %2 with the lowest mean gain are shown; the other %3 are in the table above."
            )
        case .reportExplainPairs:
            return ("тренингке дейінгі де, кейінгі де тестті тапсырған қатысушылар", "участники, сдавшие тест и до, и после тренинга", "participants who took the test both before and after")
        case .reportExplainMeanGain:
            return ("кейінгі балл мен дейінгі баллдың орташа айырмасы, пайыздық тармақпен", "средняя разница баллов после и до, в процентных пунктах", "the average of post minus pre, in percentage points")
        case .reportExplainCI:
            return ("шынайы орташа өсім 95% сенімділікпен осы аралықта жатыр", "с доверием 95% истинный средний прирост лежит в этом интервале", "with 95% confidence the true mean gain lies in this range")
        case .reportExplainMedian:
            return ("қатысушылардың жартысының өсімі осыдан жоғары, жартысынікі төмен", "у половины участников прирост выше, у половины ниже", "half of the participants gained more, half less")
        case .reportExplainP:
            return ("p < 0.05 болса, өсім кездейсоқ емес деп саналады", "при p < 0.05 прирост считается неслучайным", "with p < 0.05 the gain is taken as not due to chance")
        case .reportExplainDz:
            return ("әсер күші: 0.2 — аз, 0.5 — орташа, 0.8 және одан жоғары — үлкен", "величина эффекта: 0.2 — малая, 0.5 — средняя, от 0.8 — большая", "effect size: 0.2 small, 0.5 medium, 0.8 or more large")
        case .reportExplainWilcoxon:
            return ("t-тест сияқты, бірақ баллдардың қалыпты үлестірімін талап етпейді", "как t-критерий, но не требует нормального распределения баллов", "like the t-test, without assuming normally distributed scores")
        case .reportExplainRankBiserial:
            return ("+1 — барлығының балы өсті, −1 — барлығынікі төмендеді, 0 — тең", "+1 — у всех балл вырос, −1 — у всех снизился, 0 — поровну", "+1 everyone improved, −1 everyone fell, 0 balanced")
        case .reportExplainHake:
            return ("топ мүмкін өсімнің қандай үлесін алды (0-ден 1-ге дейін)", "какую долю возможного прироста получила группа (от 0 до 1)", "the share of the possible gain the group achieved (0 to 1)")
        case .reportExplainHakeIndividual:
            return ("әр қатысушының мүмкін өсімнен алған үлесінің орташасы", "среднее долей возможного прироста каждого участника", "the average of each participant's share of their possible gain")
        case .reportExplainKR20:
            return (
                "KR-20 — тесттің сенімділігі (0-ден 1-ге дейін): 0.7 және одан жоғары — жақсы, 0.5-тен төмен — сұрақтар бір нәрсені өлшемейді.",
                "KR-20 — надёжность теста (от 0 до 1): от 0.7 — хорошая, ниже 0.5 — вопросы измеряют разное.",
                "KR-20 is the test's reliability (0 to 1): 0.7 or more is good; below 0.5 the questions do not measure one thing."
            )
        case .reportAnswersLeftOut:
            return (
                "Қатысушылардың ашық жауаптары мен пікірлері бұл есепке кірмеген (қосу үшін: katch report --with-answers).",
                "Открытые ответы и комментарии участников в этот отчёт не включены (добавить: katch report --with-answers).",
                "Participants' open answers and comments are not included in this report (add them with katch report --with-answers)."
            )
        case .reportReasonSuppressed: return ("жасырылған (топ шағын)", "скрыто (малая группа)", "withheld (small group)")
        // issue 12
        case .tSaving:
            return ("Жауап сақталуда, күте тұрыңыз…", "Ответ сохраняется, подождите…", "Saving your answer, please wait…")
        case .tTypeAheadDropped:
            return ("Жауап сақталып жатқанда басылған пернелер есепке алынбады: осы сұраққа жауап беріңіз.",
                    "Клавиши, нажатые во время сохранения ответа, не учтены: ответьте на этот вопрос.",
                    "Keys pressed while the answer was being saved were ignored: answer this question.")
        case .tPasteIgnored:
            return ("Бұл экранда мәтін қоюға болмайды: нұсқаны пернелермен таңдаңыз.",
                    "На этом экране вставка не работает: выберите вариант клавишами.",
                    "Pasting does nothing here: choose an option with the keys.")
        case .tLeaveConfirm:
            return ("Шығасыз ба? Әзірге ештеңе сақталған жоқ.", "Выйти? Пока ничего не сохранено.", "Leave? Nothing has been saved yet.")
        case .tNoPreTest:
            return ("%1 кодымен тапсырылған тренингке дейінгі тест табылмады. Кодыңызды жаттықтырушымен тексеріңіз. Бәрібір жалғастырасыз ба?",
                    "Для кода %1 не найден сданный тест до тренинга. Проверьте код у тренера. Всё равно продолжить?",
                    "No submitted pre-test was found for code %1. Check your code with the trainer. Continue anyway?")
        case .tRegisterNewPost:
            return ("«%1» табылмады: код қате терілген болуы мүмкін. Жаңа қатысушы ретінде тіркелесіз бе?",
                    "«%1» не найден: возможно, код набран с ошибкой. Зарегистрироваться как новый участник?",
                    "«%1» was not found: the code may be mistyped. Register as a new participant?")
        case .tScreeningReadAloud: return ("Пікір сұралушыға оқып беріңіз:", "Прочитайте опрашиваемому вслух:", "Read aloud to the person:")
        case .tScreeningAllowed: return ("Бұл тармақта тек мына мәндер: %1.", "В этом пункте только значения: %1.", "This item allows only: %1.")
        case .tScreeningSums: return ("Баллдар қорытынды бағадан бұрын", "Баллы перед итоговой оценкой", "Scores before the final judgement")
        }
    }
}
