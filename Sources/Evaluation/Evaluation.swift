import CourseModel
import Results
import Statistics
