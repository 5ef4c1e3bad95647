"""The demo course files: the real ones read whole and found from any working directory; a file with
a mistake is refused with the file and the field named."""

import copy
from pathlib import Path

import pytest
import yaml

import lms.courses
from lms.core.content_files import ContentFileError
from lms.courses.demo import COURSE_FILES, load_course_files

COURSE = {
    "slug": "kurs",
    "title": "Kurs",
    "summary": "Om kursen.",
    "objectives": ["Efter kursen kan du något."],
    "audiences": ["staff"],
    "estimated_minutes": 10,
    "lessons": [
        {
            "slug": "lektion",
            "title": "Lektion",
            "intro": "Inledning.",
            "poll_votes": [[1, 0]],
            "body": [
                {"heading": {"text": "Rubrik", "level": "h2"}},
                {"paragraph": "<p>Text.</p>"},
                {"poll": {"question": "Vad gör du?", "choices": ["Ja", "Nej"], "explanation": ""}},
            ],
        }
    ],
    "quiz": {
        "title": "Kunskapstest",
        "questions_to_draw": 1,
        "questions": [
            {
                "type": "single",
                "text": "Vilket är rätt?",
                "choices": [{"text": "Det här", "correct": True}, {"text": "Det där", "feedback": "Nej."}],
            }
        ],
    },
}


def write(directory, *courses):
    directory.mkdir(exist_ok=True)
    for n, course in enumerate(courses, 1):
        (directory / f"{n:02d}-{course['slug']}.yaml").write_text(yaml.safe_dump(course, allow_unicode=True))
    return directory


def refused(tmp_path, change) -> str:
    course = copy.deepcopy(COURSE)
    change(course)
    with pytest.raises(ContentFileError) as caught:
        load_course_files(write(tmp_path / "courses", course))
    return str(caught.value)


def test_a_course_file_reads_as_the_demo_loaders_take_it(tmp_path):
    (course,) = load_course_files(write(tmp_path / "courses", COURSE))
    assert course["lessons"][0]["body"][2] == ("poll", COURSE["lessons"][0]["body"][2]["poll"])
    assert course["lessons"][0]["poll_votes"] == [[1, 0]]
    # Left out in the file, given in full to the quizzes loader.
    assert course["quiz"]["questions"][0]["choices"] == [
        {"text": "Det här", "correct": True, "feedback": ""},
        {"text": "Det där", "correct": False, "feedback": "Nej."},
    ]
    assert course["quiz"]["questions"][0]["explanation"] == ""


def test_the_real_course_files_are_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    courses = load_course_files()
    assert COURSE_FILES == Path(lms.courses.__file__).resolve().parent / "demo_content"
    assert [c["slug"] for c in courses] == [
        "demokratins-grundvarderingar",
        "likabehandling-och-diskrimineringsgrunderna",
        "introduktion-for-fortroendevalda",
    ]
    assert [len(c["lessons"]) for c in courses] == [5, 5, 5]
    assert [len(c["quiz"]["questions"]) for c in courses] == [15, 15, 15]


def test_a_missing_title(tmp_path):
    assert refused(tmp_path, lambda c: c.pop("title")).endswith("01-kurs.yaml: title: required, but missing")


def test_an_unknown_block_type(tmp_path):
    message = refused(tmp_path, lambda c: c["lessons"][0]["body"].insert(1, {"parapgraph": "<p>Stavfel</p>"}))
    assert "01-kurs.yaml: lessons[0].body[1]: unknown block type 'parapgraph' (known: heading, paragraph," in message


def test_a_block_the_editor_would_refuse(tmp_path):
    message = refused(tmp_path, lambda c: c["lessons"][0]["body"][0]["heading"].update(level="h5"))
    assert "01-kurs.yaml: lessons[0].body[0].heading.level: Select a valid choice. h5 is not one of" in message


def test_a_quiz_question_without_a_right_answer(tmp_path):
    message = refused(tmp_path, lambda c: c["quiz"]["questions"][0]["choices"][0].pop("correct"))
    assert message.endswith(
        "01-kurs.yaml: quiz.questions[0].choices: no right answer: mark the right choice(s) with 'correct: true'"
    )


def test_an_unknown_question_type_and_a_misspelt_field(tmp_path):
    assert "quiz.questions[0].type: unknown question type 'singel'" in refused(
        tmp_path, lambda c: c["quiz"]["questions"][0].update(type="singel")
    )
    assert "lessons[0].titel: unknown field" in refused(tmp_path, lambda c: c["lessons"][0].update(titel="X"))


def test_poll_votes_that_do_not_match_the_polls(tmp_path):
    assert "lessons[0].poll_votes: one list per poll: the body has 1, not 2" in refused(
        tmp_path, lambda c: c["lessons"][0]["poll_votes"].append([1, 1])
    )
    assert "lessons[0].poll_votes[0]: expected a count (0 or more) for each of the poll's 2 answers" in refused(
        tmp_path, lambda c: c["lessons"][0].update(poll_votes=[[1, 2, 3]])
    )


def test_more_questions_to_draw_than_there_are(tmp_path):
    assert "quiz.questions_to_draw: more than the 1 questions" in refused(
        tmp_path, lambda c: c["quiz"].update(questions_to_draw=2)
    )


def test_two_lessons_or_two_courses_with_one_slug(tmp_path):
    def twice(course):
        course["lessons"].append(copy.deepcopy(course["lessons"][0]))

    assert "lessons[1].slug: another lesson of the course has this slug" in refused(tmp_path, twice)
    directory = write(tmp_path / "two", COURSE, COURSE)
    with pytest.raises(ContentFileError, match=r"02-kurs\.yaml: slug: another course file has this slug"):
        load_course_files(directory)
