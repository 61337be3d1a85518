/// The course `katch init` writes: small but complete — two modules, an icebreaker, a case with
/// practice questions of every kind, a pre/post test with every question type, a feedback form
/// and a one-day agenda. It checks clean with `--strict` (a test makes sure).
enum InitTemplate {
    /// Files as (path relative to the course folder, text), in the order they are written.
    static let files: [(path: String, text: String)] = [
        (
            "course.yml",
            #"""
            # A course for katch: this file, the Markdown pages under modules/ and exercises/, nothing else.
            # The authoring guide of katch (docs/authoring.md) explains every key; `katch check` checks them.
            title: "Child labour: spotting it and acting on it"
            subtitle: "A one-day course for social workers, teachers and labour inspectors"
            language: en                  # the language of the site's and the quiz's interface: kk, ru or en
            project:
              name: "Example project"
              implementer: "Your organisation"

            # Materials: an id and the label printed in checklists. Pages and sessions name them by id.
            materials:
              flipchart: "Flipchart and markers"
              sticky-notes: "Sticky notes"
              case-copies: "Copies of the case, one per group"
              pre-test: "Pre-test forms"
              post-test: "Post-test forms"
              feedback-form: "Feedback forms"

            # The registration form of the pre-test (`katch quiz pre`) and of the printed forms.
            registration:
              regions:
                - {id: north, label: "North region"}
                - {id: south, label: "South region"}
              agencies:
                - {id: social, label: "Social services"}
                - {id: education, label: "Education"}
                - {id: labour, label: "Labour inspection"}
              other_agency: true          # adds «Other» with a text field
              genders:
                - {id: f, label: "Woman"}
                - {id: m, label: "Man"}

            # The agenda: clock times are computed from the start and the durations (minutes, or a range "60-75").
            agenda:
              start: "09:00"
              note: "The timings are a guide: adapt them to the group."
              days:
                - id: day-1
                  day: 1
                  title: "Day 1"
                  sessions:
                    - title: "Welcome and pre-test"
                      duration: 30
                      refs: [introduction, pre-post-test, icebreaker-1]
                      materials: [pre-test, sticky-notes]
                    - title: "Module 1. What child labour is"
                      duration: 60
                      refs: [m1-part-1]
                      materials: [flipchart]
                    - {title: "Coffee break", duration: 15, break: true}
                    - title: "Module 2. Acting on a case"
                      duration: "60-75"
                      refs: [m2-part-1, case-1]
                      materials: [case-copies]
                    - {title: "Lunch", duration: 60, break: true}
                    - title: "Post-test and feedback"
                      duration: 30
                      refs: [pre-post-test, feedback-form]
                      materials: [post-test, feedback-form]
            """# + "\n"
        ),
        (
            "README.md",
            #"""
            # A course for katch

            Made by `katch init`. Edit the files, then:

            ```sh
            katch check --strict          # every problem as file:line:column, with the fix
            katch build                   # the site in _site/trainer and _site/participant (open index.html)
            katch training add demo --title "Demo training"
            katch quiz pre --training demo    # a participant takes the pre-test (--plain for one line per prompt)
            ```

            - `course.yml`: title, language, materials, registration form, agenda.
            - `modules/`: an introduction and two modules (an overview page and its parts).
            - `exercises/`: the icebreaker, the case with practice questions (`katch practice case-1`),
              the pre/post test and the feedback form.

            The authoring guide of katch (docs/authoring.md in its repository) explains every construct.
            """# + "\n"
        ),
        (
            "modules/intro/introduction.md",
            #"""
            ---
            id: introduction
            title: "Introduction"
            kind: page
            order: 1
            summary: "What the course is for and how the day runs."
            ---
            ## Who this course is for

            Social workers, teachers and labour inspectors who meet children at work and want to know what to
            look for and what to do next.

            ## How the day runs

            The day opens with the pre-test and an [icebreaker](id:icebreaker-1). [Module 1](id:module-1)
            explains what child labour is; [Module 2](id:module-2) works through a case. The day ends with
            the post-test and the feedback form.

            > [!TRAINER] Before the day
            > Print one pre-test and one post-test per participant, or prepare a computer with `katch quiz`.
            > Copy the case, one copy per group of three or four.
            """# + "\n"
        ),
        (
            "modules/m1/index.md",
            #"""
            ---
            id: module-1
            title: "Module 1. What child labour is"
            kind: module
            number: "1"
            summary: "The definition, the forms it takes, and why it matters."
            ---
            ## Aim

            Participants can tell child labour from work that is fine for a child of that age.

            ## Parts

            - [Part 1. The definition](id:m1-part-1)
            """# + "\n"
        ),
        (
            "modules/m1/part-1.md",
            #"""
            ---
            id: m1-part-1
            title: "Part 1. The definition"
            kind: module-part
            module: module-1
            order: 1
            duration: 60
            materials: [flipchart]
            ---
            ## What counts as child labour {#m1-definition}

            Child labour is work that is harmful to a child's health or development, or that keeps a child
            from school[^1]. Not every job a child does is child labour: helping at home after school, for
            a short time and without danger, usually is not.

            > [!NOTE] Remember
            > The question is not whether a child works, but what the work does to the child.

            ## Three questions to ask {#m1-three-questions}

            ```table caption="Three questions to ask about a child's work"
            | Question | A warning sign |
            |---|---|
            | How old is the child? | Younger than the minimum age for this work |
            | How long and when? | Long hours, at night, instead of school |
            | How dangerous? | Heavy loads, chemicals, machines, heights |
            ```

            > [!TRAINER] Steps
            > 1. Ask the group for jobs they have seen children do; write them on the flipchart.
            > 2. Go through the three questions for each job.
            > 3. Close with the definition above.

            > [!ANSWER] Expected result
            > Most groups find that the same job can be fine or harmful depending on age, hours and danger.

            [^1]: See the ILO Minimum Age Convention (No. 138) and the Worst Forms of Child Labour Convention (No. 182).
            """# + "\n"
        ),
        (
            "modules/m2/index.md",
            #"""
            ---
            id: module-2
            title: "Module 2. Acting on a case"
            kind: module
            number: "2"
            summary: "From a first sign to a referral."
            ---
            ## Aim

            Participants can say what to do first when they meet a child in child labour, and whom to call.

            ## Parts

            - [Part 1. From a sign to a referral](id:m2-part-1)
            - [Case: the brick yard](id:case-1)
            """# + "\n"
        ),
        (
            "modules/m2/part-1.md",
            #"""
            ---
            id: m2-part-1
            title: "Part 1. From a sign to a referral"
            kind: module-part
            module: module-2
            order: 1
            duration: 20
            ---
            ## First steps {#m2-first-steps}

            1. Make sure the child is safe now.
            2. Talk to the child in a quiet place, in words the child understands.
            3. Write down what you saw and heard, with the date.
            4. Refer the case to the services that can help (see [the three questions](id:m1-three-questions)).

            > [!IMPORTANT]
            > Never promise a child to keep a secret you may have to share to protect them.
            """# + "\n"
        ),
        (
            "exercises/icebreaker-1.md",
            #"""
            ---
            id: icebreaker-1
            title: "Icebreaker: my first job"
            kind: icebreaker
            order: 1
            duration: 15
            materials: [sticky-notes]
            summary: "Participants recall their first job and how old they were."
            ---
            Each participant writes their first job and their age at the time on a sticky note.

            > [!TRAINER] Instructions
            > 1. Give each participant a sticky note.
            > 2. Collect the notes on the wall, sorted by age.
            > 3. Ask: which of these jobs would worry you today, and why?
            """# + "\n"
        ),
        (
            "exercises/case-1.md",
            #"""
            ---
            id: case-1
            title: "Case: the brick yard"
            kind: case
            module: module-2
            order: 2
            duration: "30-45"
            materials: [case-copies]
            summary: "Groups read a case and decide what they see and what to do."
            ---
            Read the case in your group and answer the questions.

            ### The case

            Arman is 12. Since the spring he has worked at a brick yard with his uncle from six in the
            morning until dark, carrying wet bricks. He has not been to school since March.

            #### What warning signs do you see? {#case1-signs type=multiple}
            - [x] His age for this work
            - [x] Long hours
            - [x] Heavy loads
            - [ ] He works with a relative

            > [!ANSWER]
            > His age, the long hours and the heavy loads are warning signs. Working with a relative is not a
            > sign in itself.

            #### Is this child labour? {#case1-verdict}
            - [x] Yes
            - [ ] No
            - [ ] Only if he is paid

            > [!ANSWER]
            > Yes: the work is dangerous for a 12-year-old and keeps him from school.

            #### What would you do first? {#case1-first-step type=open}

            > [!ANSWER] Model answer
            > Make sure Arman is safe today, talk to him and his family, and refer the case to the social
            > services and the school.

            > [!TRAINER] Debrief
            > Ask each group for its first step and compare them with [the first steps](id:m2-first-steps).
            """# + "\n"
        ),
        (
            "exercises/pre-post-test.md",
            #"""
            ---
            id: pre-post-test
            title: "Pre- and post-test"
            kind: quiz
            phases: [pre, post]
            materials: [pre-test, post-test]
            ---
            ## Which of these is child labour? {#q1}
            - [ ] A girl of 14 helping her parents in their shop for an hour after school
            - [x] A boy of 12 carrying bricks all day instead of going to school
            - [ ] A boy of 16 delivering newspapers on Saturday mornings

            > [!ANSWER]
            > Heavy work all day at 12, instead of school. See [the definition](id:m1-definition).

            ## Which are warning signs? {#q2 type=multiple}
            - [x] Long working hours
            - [x] The child has stopped going to school
            - [ ] The child works with a relative

            ## What would you do first when you meet a child in child labour, and why? {#q3 type=open max=2}

            > [!ANSWER] Scoring
            > - 2 points: makes sure the child is safe first and names a service to refer to.
            > - 1 point: names one of the two.
            > - 0 points: neither.
            """# + "\n"
        ),
        (
            "exercises/feedback-form.md",
            #"""
            ---
            id: feedback-form
            title: "Feedback form"
            kind: survey
            ---
            ## How useful was the course for your work? {#f1 type=rating}
            - Not useful
            - A little useful
            - Useful
            - Very useful
            - Extremely useful

            ## How clear were the trainers? {#f2 type=rating}
            - Not clear
            - A little clear
            - Clear
            - Very clear
            - Extremely clear

            ## What would you change? {#f3 type=open}
            """# + "\n"
        ),
    ]
}
