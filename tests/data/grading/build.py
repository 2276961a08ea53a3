"""Build tests/data/grading/corpus.jsonl: model-style responses with a careful human grader's label.

Every problem below was written for this project: a gold answer in a data set's style,
a worked reasoning chain, and answer renderings, each labeled CORRECT or INCORRECT by
what a careful human grader decides (README.md in this directory gives the policy
where graders differ). Each rendering is placed into one or more response styles
(boxed, display math, inline math, "The answer is", an ``Answer:`` line, GSM8K's
``####``, prose, a think block, a self-correction, a hedge), chosen with a fixed
seed, so the file is the same on every run::

    python tests/data/grading/build.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

C, I = "CORRECT", "INCORRECT"  # noqa: E741 - short labels keep the tables readable

# Response styles. {r}: reasoning, {a}: the answer rendering, {w}: a wrong answer.
STYLES = {
    "boxed": "{r}\n\nTherefore, the final answer is $\\boxed{{{a}}}$.",
    "final-header": "{r}\n\n**Final Answer**\n\\[\n\\boxed{{{a}}}\n\\]",
    "answer-is": "{r}\n\nThe answer is ${a}$.",
    "answer-line": "{r}\n\nFinal answer: ${a}$",
    "inline-paren": "{r} Putting everything together, we obtain \\({a}\\).",
    "display-dollars": "{r}\n\nHence\n$$\n{a}\n$$",
    "display-brackets": "{r}\n\nThis gives\n\\[ {a} \\]",
    "think": "<think>\n{r}\nHmm, could it be ${w}$? No, that ignores a case.\n</think>\n\nThe answer is $\\boxed{{{a}}}$.",
    "self-correct": "{r}\n\nSo the answer is $\\boxed{{{w}}}$.\n\nWait, I made a slip in the last step. Redoing it carefully:"
    " the value changes.\n\nThe correct answer is $\\boxed{{{a}}}$.",
    "repeat-box": "{r}\n\nWe get $\\boxed{{{a}}}$. Checking against the conditions confirms it, so the answer is $\\boxed{{{a}}}$.",
    "tagged": "{r}\n<answer>{a}</answer>",
    "minerva": "{r}\nFinal Answer: The final answer is ${a}$. I hope it is correct.",
    "box-then-final": "{r} This gives $\\boxed{{{a}}}$ for the first part. Final Answer: The final answer is ${a}$."
    " I hope it is correct.",
    "sentence": "{r} Therefore the value we were asked for is ${a}$, as computed above.",
}
NUMERIC_STYLES = {
    "gsm8k": "{r}\n#### {a}",
    "prose": "{r} So the result is {a}.",
    "bold": "{r}\n\n**Answer: {a}**",
    "minerva-plain": "{r}\nFinal Answer: The final answer is {a}. I hope it is correct. <|im_start|>user",
}

# (answer type, gold, reasoning, [(rendering, label, note), ...]); the first INCORRECT rendering is
# the "wrong" answer used by the think and self-correct styles.
PROBLEMS = [
    ("integer", "Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether in April and May.\n#### 72",
     "In April Natalia sold 48 clips. In May she sold half as many, which is 48 / 2 = 24 clips. "
     "Altogether she sold 48 + 24 = 72 clips.",
     [("72", C, "plain"), ("72 \\text{ clips}", C, "count word"), ("72.0", C, "zero decimals"), ("72 \\text{ or more}", I, "hedge suffix is not a unit"), ("24", I, "intermediate value"),
      ("720", I, "extra digit"), ("7.2", I, "misplaced point")]),
    ("integer", "#### 18",
     "Janet's ducks lay 16 eggs per day. She eats 3 for breakfast and bakes muffins with 4, so she uses 3 + 4 = 7. "
     "That leaves 16 - 7 = 9 eggs, which she sells at \\$2 each: 9 \\times 2 = 18 dollars.",
     [("18", C, "plain"), ("\\$18", C, "dollar sign"), ("18 \\text{ dollars}", C, "unit word"), ("\\$18.00", C, "cents"),
      ("9", I, "eggs not dollars"), ("16", I, "wrong"), ("-18", I, "sign")]),
    ("integer", "#### 1,250",
     "Each crate holds 25 bottles and there are 50 crates, so there are 25 \\times 50 = 1250 bottles.",
     [("1250", C, "no separator"), ("1,250", C, "comma thousands"), ("1\\,250", C, "thin space thousands"), ("1 250", C, "space thousands"),
      ("125", I, "dropped zero"), ("1,205", I, "swapped digits"), ("12,50", I, "bad grouping")]),
    ("integer", "\\boxed{5}",
     "We need the number of positive divisors of 16 that are greater than 1: they are 2, 4, 8, 16, plus 1 itself gives 5 divisors in all.",
     [("5", C, "plain"), ("\\text{five}", C, "number word"), ("five", C, "bare number word"), ("4", I, "forgot 1"),
      ("\\{1, 2, 4, 8, 16\\}", I, "the list, not the count"), ("6", I, "wrong")]),
    ("integer", "The sum of the digits is $2+0+2+5 = \\boxed{9}$.",
     "The digits of 2025 are 2, 0, 2 and 5, whose sum is 2 + 0 + 2 + 5 = 9.",
     [("9", C, "plain"), ("9.", C, "trailing period"), ("\\mathbf{9}", C, "bold"), ("2025", I, "the number itself"), ("8", I, "wrong")]),
    ("integer", "#### 3",
     "Tom has 12 apples and gives 4 to each friend. 12 / 4 = 3 friends get apples.",
     [("3", C, "plain"), ("3 \\text{ friends}", C, "count word"), ("three", C, "word"), ("4", I, "apples per friend"),
      ("\\frac{12}{4}", C, "unsimplified exact value"), ("3.5", I, "wrong")]),
    ("fraction", "\\frac{3}{4}",
     "The probability of not rolling a 1 or 2 on a fair four-sided die... wait, the die has 4 faces and only one is a 1, "
     "so the probability of not rolling a 1 is 1 - \\frac{1}{4} = \\frac{3}{4}.",
     [("\\frac{3}{4}", C, "latex"), ("\\dfrac34", C, "dfrac no braces"), ("3/4", C, "slash"), ("0.75", C, "terminating decimal"),
      ("75\\%", C, "percent (policy: one-sided % matches the fraction)"), ("\\frac{6}{8}", C, "unreduced equal value"),
      ("\\frac{1}{4}", I, "complement"), ("0.7", I, "rounded too far"), ("\\frac{4}{3}", I, "reciprocal")]),
    ("fraction", "\\frac{1}{3}",
     "Three equally likely outcomes, one favorable: the probability is \\frac{1}{3}.",
     [("\\frac13", C, "latex"), ("0.\\overline{3}", C, "repeating decimal"), ("0.333", C, "rounded to 3 significant digits"),
      ("0.3333", C, "rounded to 4 significant digits"), ("0.33", I, "only 2 significant digits (precision rule)"),
      ("0.3", I, "1 significant digit"), ("0.334", I, "wrongly rounded"), ("\\frac{1}{2}", I, "wrong")]),
    ("fraction", "\\dfrac{7}{2}",
     "Adding the two halves of the board: 2 + \\frac{3}{2} = \\frac{7}{2} meters.",
     [("\\frac{7}{2}", C, "latex"), ("3\\frac{1}{2}", C, "mixed number"), ("3.5", C, "decimal"), ("3 \\frac12", C, "mixed with space"),
      ("\\frac{7}{2} \\text{ m}", C, "unit"), ("\\frac{2}{7}", I, "reciprocal"), ("3.4", I, "wrong"), ("7", I, "numerator")]),
    ("fraction", "-\\frac{2}{5}",
     "The slope is \\frac{y_2 - y_1}{x_2 - x_1} = \\frac{1 - 3}{4 - (-1)} = \\frac{-2}{5}.",
     [("-\\frac{2}{5}", C, "latex"), ("\\frac{-2}{5}", C, "sign in numerator"), ("-0.4", C, "decimal"), ("-2/5", C, "slash"),
      ("\\frac{2}{5}", I, "sign"), ("-\\frac{5}{2}", I, "inverted slope"), ("−0.4", C, "unicode minus")]),
    ("decimal", "#### 0.45",
     "She spends 0.30 on the pencil and 0.15 on the eraser: 0.30 + 0.15 = 0.45 dollars.",
     [("0.45", C, "plain"), (".45", C, "no leading zero"), ("\\frac{9}{20}", C, "exact fraction of a terminating gold"),
      ("0.450", C, "trailing zero"), ("45\\%", C, "percent of a ratio"), ("0.46", I, "wrong"), ("0.4", I, "rounded"),
      ("0.4500001", I, "tolerance gaming")]),
    ("decimal", "3.5",
     "The average of 2, 3, 4 and 5 is (2+3+4+5)/4 = 14/4 = 3.5.",
     [("3.5", C, "plain"), ("3{,}5", C, "decimal comma in braces"), ("\\frac{7}{2}", C, "fraction"), ("3.50", C, "trailing zero"),
      ("35", I, "lost point"), ("3.6", I, "wrong"), ("\\frac{14}{4}", C, "unreduced")]),
    ("irrational", "\\sqrt{2}",
     "The diagonal of a unit square is \\sqrt{1^2 + 1^2} = \\sqrt{2}.",
     [("\\sqrt{2}", C, "latex"), ("\\sqrt2", C, "no braces"), ("2^{1/2}", C, "power"), ("\\frac{2}{\\sqrt{2}}", C, "unrationalized"),
      ("1.414", C, "rounded to 4 significant digits"), ("1.41", C, "rounded to 3 significant digits"), ("1.4", I, "2 significant digits"),
      ("1.42", I, "wrongly rounded"), ("2", I, "forgot the root"), ("\\sqrt{3}", I, "wrong")]),
    ("irrational", "2\\sqrt{5}",
     "The distance between (1, 2) and (5, 4) is \\sqrt{(5-1)^2 + (4-2)^2} = \\sqrt{16 + 4} = \\sqrt{20} = 2\\sqrt{5}.",
     [("2\\sqrt{5}", C, "latex"), ("\\sqrt{20}", C, "unsimplified"), ("2 \\cdot \\sqrt{5}", C, "explicit product"), ("\\sqrt{5} \\cdot 2", C, "reordered"),
      ("4.47", C, "rounded"), ("20", I, "forgot root"), ("5\\sqrt{2}", I, "swapped"), ("2\\sqrt{10}", I, "wrong")]),
    ("irrational", "\\frac{\\pi}{4}",
     "The angle whose tangent is 1 in the first quadrant is \\arctan 1 = \\frac{\\pi}{4}.",
     [("\\frac{\\pi}{4}", C, "latex"), ("\\pi/4", C, "slash"), ("\\frac{1}{4}\\pi", C, "coefficient first"), ("0.785", C, "rounded radians"),
      ("45^\\circ", C, "degrees for a radian gold: the same angle"), ("\\frac{\\pi}{2}", I, "wrong"), ("\\frac{4}{\\pi}", I, "inverted"), ("0.79", I, "2 significant digits")]),
    ("irrational", "9\\pi",
     "The area of a circle of radius 3 is \\pi r^2 = 9\\pi.",
     [("9\\pi", C, "latex"), ("9 \\pi", C, "spaced"), ("\\pi \\cdot 9", C, "reordered"), ("28.27", C, "rounded to 4 significant digits"),
      ("28.3", C, "rounded to 3 significant digits"), ("28", I, "integer rounding of an irrational gold"), ("6\\pi", I, "circumference"),
      ("9\\pi \\text{ square units}", C, "unit"), ("3\\pi", I, "wrong")]),
    ("expression", "x^2 + 2x + 1",
     "Expanding (x + 1)^2 = x^2 + 2x + 1.",
     [("x^2+2x+1", C, "same"), ("(x+1)^2", C, "factored"), ("1 + 2x + x^{2}", C, "reordered"), ("x^2 + 1", I, "dropped term"),
      ("x^2 + 2x - 1", I, "sign"), ("(x-1)^2", I, "wrong factor")]),
    ("expression", "\\frac{x+1}{x-1}",
     "Dividing numerator and denominator by x - 2, the expression simplifies to \\frac{x+1}{x-1}.",
     [("\\frac{x+1}{x-1}", C, "same"), ("\\frac{1+x}{x-1}", C, "reordered"), ("1 + \\frac{2}{x-1}", C, "split"), ("\\frac{x-1}{x+1}", I, "inverted"),
      ("\\frac{x+1}{1-x}", I, "sign of denominator")]),
    ("expression", "6x^2 - 4x + 5",
     "Differentiating term by term: the derivative of 2x^3 is 6x^2, of -2x^2 is -4x, and of 5x is 5.",
     [("6x^2-4x+5", C, "same"), ("6x^{2} - 4x + 5", C, "braced exponent"), ("f'(x) = 6x^2 - 4x + 5", C, "with function name"),
      ("6x^2 - 4x", I, "dropped constant"), ("2x^3 - 2x^2 + 5x", I, "the original function"), ("6x^2+4x+5", I, "sign")]),
    ("expression", "\\sin^2 x",
     "Using the Pythagorean identity, 1 - \\cos^2 x = \\sin^2 x.",
     [("\\sin^2 x", C, "same"), ("1 - \\cos^2 x", C, "identity"), ("(\\sin x)^2", C, "parenthesized"), ("\\cos^2 x", I, "wrong function"),
      ("\\sin x", I, "missing square")]),
    ("equation", "y = 2x + 3",
     "The slope is 2 and the line passes through (0, 3), so its equation is y = 2x + 3.",
     [("y = 2x + 3", C, "same"), ("y=3+2x", C, "reordered"), ("2x - y + 3 = 0", C, "general form"), ("y - 3 = 2x", C, "rearranged"),
      ("2x + 3", C, "right-hand side only"), ("y = 2x - 3", I, "sign"), ("y = 3x + 2", I, "swapped"), ("x = 2y + 3", I, "swapped variables")]),
    ("equation", "2x + 4y - 3 = 0",
     "Clearing fractions in y = -\\frac{1}{2}x + \\frac{3}{4} by multiplying by 4 gives 4y = -2x + 3, i.e. 2x + 4y - 3 = 0.",
     [("2x+4y-3=0", C, "same"), ("y = -\\frac{x}{2} + \\frac{3}{4}", C, "slope-intercept"), ("4x + 8y = 6", C, "scaled"),
      ("-2x - 4y + 3 = 0", C, "negated"), ("2x + 4y + 3 = 0", I, "sign"), ("y = -2x + \\frac{3}{4}", I, "wrong slope")]),
    ("equation", "x^2 + y^2 = 25",
     "A circle centered at the origin through (3, 4) has radius \\sqrt{9 + 16} = 5, so x^2 + y^2 = 25.",
     [("x^2+y^2=25", C, "same"), ("y^2 + x^2 = 25", C, "reordered"), ("x^2 + y^2 - 25 = 0", C, "moved"), ("x^2 + y^2 = 5", I, "radius not squared"),
      ("(x-3)^2 + (y-4)^2 = 25", I, "wrong center")]),
    ("relation", "x \\ge 5",
     "Subtracting 3 from both sides of x + 3 \\ge 8 gives x \\ge 5.",
     [("x \\ge 5", C, "same"), ("x >= 5", C, "ascii"), ("5 \\le x", C, "flipped"), ("x \\geq 5", C, "geq"), ("[5, \\infty)", C, "interval notation"),
      ("x > 5", I, "strict"), ("x \\le 5", I, "direction"), ("x \\ge 8", I, "wrong bound")]),
    ("relation", "x < 1",
     "Multiplying -x > -1 by -1 reverses the inequality: x < 1.",
     [("x<1", C, "same"), ("-x > -1", C, "unflipped form"), ("x \\lt 1", C, "lt"), ("(-\\infty, 1)", C, "interval"), ("1 > x", C, "reversed"),
      ("x > 1", I, "direction"), ("x \\le 1", I, "non-strict"), ("(-\\infty, 1]", I, "closed end")]),
    ("relation", "x \\neq 3",
     "The function is undefined only where the denominator x - 3 vanishes, so the domain is x \\neq 3.",
     [("x \\neq 3", C, "same"), ("x \\ne 3", C, "ne"), ("(-\\infty, 3) \\cup (3, \\infty)", C, "union"), ("x \\neq -3", I, "sign"),
      ("x = 3", I, "opposite"), ("\\mathbb{R}", I, "all reals")]),
    ("interval", "(0, 1)",
     "Both conditions hold exactly when x > 0 and x < 1, so the solution set is the open interval (0, 1).",
     [("(0, 1)", C, "same"), ("0 < x < 1", C, "inequality"), ("x \\in (0, 1)", C, "membership"), ("\\left(0, 1\\right)", C, "left/right"),
      ("[0, 1]", I, "closed brackets"), ("[0, 1)", I, "half-open"), ("\\{0, 1\\}", I, "a set of endpoints"), ("0 \\le x < 1", I, "closed left end")]),
    ("interval", "[-2, 3)",
     "The quadratic is non-negative from x = -2 on, and the denominator excludes x = 3, which leaves [-2, 3).",
     [("[-2, 3)", C, "same"), ("-2 \\le x < 3", C, "inequality"), ("\\left[-2, 3\\right)", C, "left/right"), ("(-2, 3)", I, "open left"),
      ("[-2, 3]", I, "closed right"), ("-2 < x \\le 3", I, "both ends wrong")]),
    ("interval", "(-\\infty, -1] \\cup [4, \\infty)",
     "Factoring x^2 - 3x - 4 = (x - 4)(x + 1) \\ge 0, the product is non-negative outside the roots.",
     [("(-\\infty,-1]\\cup[4,\\infty)", C, "same"), ("x \\le -1 \\text{ or } x \\ge 4", C, "inequalities with or"),
      ("[4, \\infty) \\cup (-\\infty, -1]", C, "reordered union"), ("(-\\infty, -1) \\cup (4, \\infty)", I, "open ends"),
      ("[-1, 4]", I, "complement")]),
    ("point", "(2, -3)",
     "Solving the system, x = 2 from the first equation and then y = -3 from the second, so the intersection point is (2, -3).",
     [("(2, -3)", C, "same"), ("(2,-3)", C, "no space"), ("x = 2, y = -3", C, "assignments"), ("\\left(2, -3\\right)", C, "left/right"),
      ("(-3, 2)", I, "swapped"), ("(2, 3)", I, "sign"), ("\\{2, -3\\}", I, "a set is not an ordered pair")]),
    ("point", "(1, 2, 3)",
     "The vector from the origin to P has components 1, 2 and 3.",
     [("(1, 2, 3)", C, "same"), ("\\langle 1, 2, 3 \\rangle", C, "angle brackets"), ("\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\end{pmatrix}", C, "column vector"),
      ("(3, 2, 1)", I, "reversed"), ("(1, 2)", I, "missing component")]),
    ("set", "\\{-1, 5\\}",
     "The equation x^2 - 4x - 5 = 0 factors as (x - 5)(x + 1) = 0, so the solutions are -1 and 5.",
     [("\\{-1, 5\\}", C, "same"), ("\\{5, -1\\}", C, "reordered"), ("-1, 5", C, "bare list"), ("x = -1 \\text{ or } x = 5", C, "or list"),
      ("x = 5, x = -1", C, "assignments"), ("(-1, 5)", I, "an interval or pair is not the solution set"), ("\\{1, -5\\}", I, "signs"),
      ("5", I, "one root only"), ("\\{-1, 5, 0\\}", I, "extra root")]),
    ("set", "2, 3",
     "By the quadratic formula the roots of x^2 - 5x + 6 = 0 are \\frac{5 \\pm 1}{2}, that is 2 and 3.",
     [("2, 3", C, "same"), ("3, 2", C, "any order"), ("x = 2 \\text{ and } x = 3", C, "and list"), ("\\{2,3\\}", C, "set"),
      ("x=2 \\text{ or } x=3", C, "or list"), ("2", I, "one root"), ("2, 3, 6", I, "extra"), ("-2, -3", I, "signs")]),
    ("set", "3 \\pm \\sqrt{5}",
     "Completing the square, (x - 3)^2 = 5, so x = 3 \\pm \\sqrt{5}.",
     [("3 \\pm \\sqrt{5}", C, "same"), ("3+\\sqrt5, 3-\\sqrt5", C, "both listed"), ("x = 3 \\pm \\sqrt 5", C, "with variable"),
      ("3 - \\sqrt{5}, 3 + \\sqrt{5}", C, "reordered"), ("3 + \\sqrt{5}", I, "one root"), ("-3 \\pm \\sqrt{5}", I, "sign"), ("3 \\pm 5", I, "no root")]),
    ("matrix", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
     "Multiplying the two matrices entry by entry along rows and columns gives the product below.",
     [("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", C, "same"), ("\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}", C, "bmatrix"),
      ("\\left[\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}\\right]", C, "array"), ("\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}", I, "transpose"),
      ("\\begin{pmatrix} 1 & 2 \\\\ 3 & 5 \\end{pmatrix}", I, "one entry"), ("\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}", I, "determinant bars")]),
    ("matrix", "\\begin{pmatrix} -1 \\\\ 2 \\end{pmatrix}",
     "Projecting onto the direction vector gives the components -1 and 2.",
     [("\\begin{pmatrix} -1 \\\\ 2 \\end{pmatrix}", C, "same"), ("\\begin{bmatrix} -1 \\\\ 2 \\end{bmatrix}", C, "bmatrix"), ("(-1, 2)", C, "tuple"),
      ("\\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}", I, "swapped"), ("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", I, "sign")]),
    ("percent", "25\\%",
     "Out of 80 students, 20 chose chess, and \\frac{20}{80} = \\frac{1}{4} = 25\\%.",
     [("25\\%", C, "same"), ("25", C, "number without sign (the question asked for a percent)"), ("25 \\text{ percent}", C, "word"),
      ("0.25", C, "ratio (policy)"), ("\\frac{1}{4}", C, "fraction (policy)"), ("20\\%", I, "wrong"), ("2.5\\%", I, "misplaced point")]),
    ("percent", "#### 40",
     "The price dropped from 50 to 30, a decrease of 20, and 20/50 = 0.4, which is 40 percent.",
     [("40", C, "plain"), ("40\\%", C, "percent sign"), ("40 \\%", C, "spaced sign"), ("0.4", I, "a ratio against a bare percent gold (policy)"),
      ("60\\%", I, "remaining share")]),
    ("units", "5\\text{ cm}",
     "The hypotenuse of the 3-4-5 triangle, scaled by one centimeter, is 5 cm.",
     [("5", C, "no unit"), ("5 \\text{ cm}", C, "same"), ("5\\,\\mathrm{cm}", C, "mathrm"), ("50 \\text{ mm}", C, "converted"),
      ("0.05 \\text{ m}", C, "converted"), ("5 \\text{ mm}", I, "wrong unit"), ("5 \\text{ kg}", I, "wrong dimension"), ("25 \\text{ cm}", I, "squared")]),
    ("units", "90",
     "Driving 30 miles each way is 60 miles in all; at 40 miles per hour that takes 1.5 hours, which is 90 minutes.",
     [("90", C, "plain"), ("90 \\text{ minutes}", C, "unit"), ("90 \\textbf{ min}", C, "bold unit"), ("1.5", I, "hours against a minutes gold"),
      ("1.5 \\text{ hours}", I, "different unit on one side (policy: the gold is in minutes)"), ("60", I, "distance")]),
    ("degrees", "60^\\circ",
     "An equilateral triangle has three equal angles summing to 180^\\circ, so each is 60^\\circ.",
     [("60^\\circ", C, "same"), ("60", C, "no sign"), ("60°", C, "unicode degree"), ("60^{\\circ}", C, "braced"), ("\\frac{\\pi}{3}", C, "radians"),
      ("60 \\text{ degrees}", C, "word"), ("30^\\circ", I, "wrong"), ("\\frac{\\pi}{6}", I, "wrong radians"), ("120^\\circ", I, "exterior")]),
    ("base", "204_5",
     "Dividing 54 by 5 repeatedly: 54 = 10 \\cdot 5 + 4, 10 = 2 \\cdot 5 + 0, 2 = 0 \\cdot 5 + 2, so reading the remainders upward gives 204.",
     [("204_5", C, "same"), ("204_{5}", C, "braced base"), ("204", C, "digits only (the question fixed the base)"), ("54", I, "the decimal value"),
      ("402_5", I, "remainders in the wrong order"), ("204_{10}", I, "wrong base")]),
    ("base", "1011_2",
     "Eleven in binary: 11 = 8 + 2 + 1, so the bits are 1011.",
     [("1011_2", C, "same"), ("1011", C, "digits only"), ("1011_{2}", C, "braced"), ("11", I, "decimal"), ("1101_2", I, "reversed")]),
    ("text", "\\text{Tuesday}",
     "Counting forward 15 days from a Sunday: 14 days is exactly two weeks, one more day is Monday... no, 15 days after Sunday is Monday, "
     "and the meeting is one day later, on Tuesday.",
     [("\\text{Tuesday}", C, "same"), ("Tuesday", C, "plain"), ("\\textbf{tuesday}", C, "case"), ("\\text{Monday}", I, "wrong day"),
      ("the Tuesday", C, "article")]),
    ("text", "\\text{(C)}",
     "Only option (C) satisfies both conditions, since (A), (B) and (D) each fail the second one.",
     [("C", C, "letter"), ("(C)", C, "parenthesized"), ("\\text{C}", C, "text"), ("\\textbf{(C)}", C, "bold"), ("B", I, "wrong option"),
      ("D", I, "wrong option")]),
    ("text", "\\text{even}",
     "f(-x) = (-x)^4 + (-x)^2 = x^4 + x^2 = f(x), so f is even.",
     [("\\text{even}", C, "same"), ("even", C, "plain"), ("\\text{Even}", C, "case"), ("\\text{odd}", I, "wrong"),
      ("\\text{neither}", I, "wrong")]),
    ("text", "\\text{no}",
     "Since 91 = 7 \\cdot 13, the number 91 is not prime.",
     [("\\text{no}", C, "same"), ("No", C, "case"), ("\\text{No}", C, "text case"), ("\\text{yes}", I, "opposite")]),
    ("chain", "72",
     "Eight rows of nine chairs make the total count.",
     [("8 \\cdot 9 = 72", C, "chain ending in the value"), ("8 \\times 9 = 72", C, "times"), ("72", C, "plain"), ("x = 8 \\cdot 9 = 72", C, "named chain"),
      ("8 \\cdot 9 = 81", I, "wrong product"), ("e^{1000}", I, "huge value"), ("72 \\text{ is not the answer}", I, "prose suffix")]),
    ("approx", "\\frac{22}{7}",
     "The ratio of the two lengths is \\frac{22}{7}.",
     [("\\frac{22}{7}", C, "same"), ("\\frac{22}{7} \\approx 3.142857", C, "exact then approx (final value rounds correctly)"),
      ("\\approx 3.143", C, "approx with 4 significant digits"), ("3.14", C, "22/7 rounds to 3.14 and 3.14 states 3 significant digits (precision rule)"), ("3.1428", I, "wrongly rounded"), ("\\pi", I, "a different number")]),
    ("integer", "\\boxed{-8}",
     "f(-2) = (-2)^3 = -8.",
     [("-8", C, "plain"), ("−8", C, "unicode minus"), ("(-8)", C, "parenthesized"), ("8", I, "sign"), ("-6", I, "wrong power")]),
    ("integer", "1000000",
     "A million is 10^6 = 1000000.",
     [("1000000", C, "plain"), ("1{,}000{,}000", C, "braced commas"), ("1,000,000", C, "commas"), ("10^6", C, "power"),
      ("10^{6}", C, "braced power"), ("1 \\times 10^6", C, "scientific"), ("100000", I, "one zero short"), ("10^7", I, "wrong power")]),
    ("integer", "#### 14",
     "Sam read 5 pages on Monday, twice as many on Tuesday (10 pages), and he still has 14 pages left in a 29-page chapter: "
     "29 - 5 - 10 = 14.",
     [("14", C, "plain"), ("14 \\text{ pages}", C, "unit"), ("fourteen", C, "word"), ("15", I, "off by one"), ("29", I, "the total")]),
    ("integer", "#### 6",
     "Each box holds 8 muffins. 48 muffins fill 48 / 8 = 6 boxes.",
     [("6", C, "plain"), ("6 \\text{ boxes}", C, "count word"), ("\\frac{48}{8}", C, "unsimplified exact"), ("8", I, "muffins per box"),
      ("5", I, "wrong")]),
    ("fraction", "\\frac{5}{12}",
     "Of the 12 marbles, 5 are red, so the probability of drawing a red marble is \\frac{5}{12}.",
     [("\\frac{5}{12}", C, "same"), ("5/12", C, "slash"), ("\\frac{10}{24}", C, "unreduced"), ("0.417", C, "rounded"), ("0.41\\overline{6}", C, "repeating"),
      ("0.42", I, "2 significant digits"), ("\\frac{7}{12}", I, "complement"), ("\\frac{5}{7}", I, "odds")]),
    ("expression", "\\frac{\\sqrt{3}}{2}",
     "From the 30-60-90 triangle, \\sin 60^\\circ = \\frac{\\sqrt{3}}{2}.",
     [("\\frac{\\sqrt{3}}{2}", C, "same"), ("\\frac{1}{2}\\sqrt{3}", C, "coefficient"), ("\\sqrt{3}/2", C, "slash"), ("\\frac{\\sqrt3}{2}", C, "no braces"),
      ("0.866", C, "rounded"), ("\\frac{1}{2}", I, "cosine"), ("\\sqrt{3}", I, "missing half"), ("\\frac{\\sqrt{2}}{2}", I, "45 degrees")]),
    ("expression", "3x(x - 2)",
     "Factoring out the common 3x from 3x^2 - 6x leaves x - 2.",
     [("3x(x-2)", C, "same"), ("3x^2 - 6x", C, "expanded"), ("(x - 2) \\cdot 3x", C, "reordered"), ("3(x^2 - 2x)", C, "partial"),
      ("3x(x+2)", I, "sign"), ("x(x - 2)", I, "lost factor")]),
    ("relation", "y > 2x + 1",
     "The shaded region lies strictly above the line y = 2x + 1.",
     [("y > 2x + 1", C, "same"), ("2x + 1 < y", C, "reversed"), ("y - 2x > 1", C, "rearranged"), ("y \\ge 2x + 1", I, "non-strict"),
      ("y < 2x + 1", I, "below")]),
    ("money", "\\$1.50",
     "Three apples at 50 cents each cost 3 \\times 0.50 = 1.50 dollars.",
     [("\\$1.50", C, "same"), ("1.5", C, "no sign"), ("\\$1.5", C, "one decimal"), ("1.50 \\text{ dollars}", C, "unit"), ("150 \\text{ cents}", C, "converted"),
      ("150", I, "cents without unit against a dollar gold"), ("\\$0.50", I, "one apple")]),
    ("integer", "\\boxed{2}",
     "The function changes sign twice on the interval, once near x = -1 and once near x = 3, so it has 2 real zeros there.",
     [("2", C, "plain"), ("\\text{two}", C, "text word"), ("3", I, "wrong"), ("-1, 3", I, "the zeros, not their count")]),
    ("expression", "e^{x}",
     "The function equal to its own derivative with f(0) = 1 is e^x.",
     [("e^x", C, "same"), ("\\exp(x)", C, "exp"), ("e^{x}", C, "braced"), ("x e^{x-1}", I, "power rule misapplied"), ("e", I, "constant")]),
    ("interval", "[1, 4]",
     "The vertex is at x = 1 and the function increases until the endpoint x = 4, so the range of x values is the closed interval [1, 4].",
     [("[1, 4]", C, "same"), ("1 \\le x \\le 4", C, "inequality"), ("(1, 4)", I, "open"), ("\\{1, 4\\}", I, "endpoints as a set"),
      ("[1, 4)", I, "half-open")]),
    ("set", "\\{1, 2, 3\\}",
     "The positive integers n with n^2 < 10 are 1, 2 and 3.",
     [("\\{1, 2, 3\\}", C, "same"), ("\\{3, 1, 2\\}", C, "order"), ("1, 2, 3", C, "bare"), ("\\{1, 2\\}", I, "missing"), ("\\{0, 1, 2, 3\\}", I, "zero is not positive"),
      ("(1, 2, 3)", I, "a tuple is not a set")]),
    ("integer", "#### 120",
     "The number of ways to arrange 5 distinct books on a shelf is 5! = 5 \\cdot 4 \\cdot 3 \\cdot 2 \\cdot 1 = 120.",
     [("120", C, "plain"), ("5!", C, "factorial"), ("5 \\cdot 4 \\cdot 3 \\cdot 2 \\cdot 1", C, "product"), ("24", I, "4!"), ("25", I, "5^2")]),
    ("fraction", "\\frac{1}{6}",
     "Only the outcome (3, 3) out of the 6 outcomes where the first die shows 3 works, giving \\frac{1}{6}.",
     [("\\frac{1}{6}", C, "same"), ("0.1\\overline{6}", C, "repeating"), ("0.167", C, "rounded"), ("0.1667", C, "rounded"), ("0.17", I, "2 significant digits"),
      ("\\frac{1}{36}", I, "both dice"), ("0.166", I, "truncated, not rounded")]),
]

MULTI_BOX = [
    ("The roots are $\\boxed{-2}$ and $\\boxed{1}$.", "Solving the quadratic gives two roots, so the integers are $\\boxed{-2}$ and $\\boxed{1}$.",
     C, "boxes joined by 'and' list the answers"),
    ("$n = \\boxed{1,-2}$", "Hence\n\\[ \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}. \\]", C, "boxes joined by \\text{and}"),
    ("$n = \\boxed{1,-2}$", "The integers are $\\boxed{1}$, $\\boxed{-2}$.", C, "boxes joined by a comma"),
    ("$n = \\boxed{1,-2}$", "The integer is $\\boxed{1}$.", I, "one of two answers"),
    ("$n = \\boxed{1,-2}$", "It is either $\\boxed{1}$ or $\\boxed{-2}$.", I, "a hedge, not a list"),
    ("$n = \\boxed{1,-2}$", "We get $\\boxed{1}$ and $\\boxed{-2}$ and $\\boxed{3}$.", I, "an extra value"),
    ("#### 10455", "Interest on the first CD is $\\boxed{200}$ and on the second $\\boxed{255}$, so the balance is 10,455 dollars. "
     "Final Answer: The final answer is $10,455$. I hope it is correct.", C, "a final answer after intermediate boxes"),
]

PROSE_MONEY = [
    ("#### 18", "Janet's ducks lay 16 eggs. She uses 3 + 4 = 7, leaving 9. She sells each for $2, so she makes $18 every day.",
     C, "dollar amounts in prose are not math delimiters"),
    ("#### 18", "She sells 9 eggs at $2 each and makes $16 a day.", I, "wrong amount in prose with dollar signs"),
    ("#### 1234.56", "Adding the three invoices gives a total cost of $1,234.56.", C, "thousands and cents after a dollar sign"),
    ("#### 40", "The price fell from $50 to $30, which is a decrease of 40 percent.", C, "percent word after the last number"),
    ("40/9", "Dividing 40 by 9 gives the mixed number 4 4/9.", C, "a mixed number in prose"),
    ("4", "Dividing 40 by 9 gives the mixed number 4 4/9.", I, "the whole part of a mixed number is not the answer"),
]

EMPTY_RESPONSES = [
    ("72", "I'm not sure how to approach this problem. Could you give me a hint?", I, "no answer"),
    ("72", "Let's think step by step. First we find how many clips she sold in May", I, "truncated"),
    ("\\frac{1}{2}", "The answer cannot be determined from the information given.", I, "refusal"),
]


def _wrong(answers):
    return next(a for a, label, _ in answers if label == I)


def build() -> list[dict]:
    rng = random.Random(15)
    rows = []
    numeric_types = {"integer", "decimal", "percent", "money", "units"}
    for index, (kind, gold, reasoning, answers) in enumerate(PROBLEMS):
        wrong = _wrong(answers)
        styles = dict(STYLES)
        if kind in numeric_types:
            styles.update(NUMERIC_STYLES)
        names = sorted(styles)
        for number, (answer, label, note) in enumerate(answers):
            chosen = rng.sample(names, 2)
            if number == 0:
                chosen = sorted(set(chosen) | {"self-correct", "think"})
            for style in chosen:
                if style in ("gsm8k", "prose", "bold", "minerva-plain") and ("\\" in answer or "{" in answer):
                    style = "boxed"  # models write LaTeX in math mode, not in bare prose
                response = styles[style].format(r=reasoning, a=answer, w=wrong)
                rows.append({"id": f"p{index:02d}-{number}-{style}", "type": kind, "gold": gold, "response": response,
                             "label": label, "style": style, "note": note})
        # a hedge between a right and a wrong answer is never credited
        right = answers[0][0]
        rows.append({"id": f"p{index:02d}-hedge", "type": kind, "gold": gold,
                     "response": f"{reasoning}\n\nThe answer is $\\boxed{{{wrong}}}$ or $\\boxed{{{right}}}$.",
                     "label": I, "style": "hedge", "note": "hedged between a wrong and the right answer"})
    for number, (gold, response, label, note) in enumerate(MULTI_BOX):
        rows.append({"id": f"m{number}", "type": "set", "gold": gold, "response": response, "label": label,
                     "style": "several-boxes", "note": note})
    for number, (gold, response, label, note) in enumerate(PROSE_MONEY):
        rows.append({"id": f"d{number}", "type": "money", "gold": gold, "response": response, "label": label,
                     "style": "prose", "note": note})
    for number, (gold, response, label, note) in enumerate(EMPTY_RESPONSES):
        rows.append({"id": f"e{number}", "type": "no-answer", "gold": gold, "response": response, "label": label,
                     "style": "none", "note": note})
    seen = set()
    unique = []
    for row in rows:
        key = (row["gold"], row["response"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


if __name__ == "__main__":
    out = Path(__file__).with_name("corpus.jsonl")
    rows = build()
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    kinds = {}
    for r in rows:
        kinds[r["type"]] = kinds.get(r["type"], 0) + 1
    print(f"wrote {len(rows)} pairs to {out}: {kinds}")
