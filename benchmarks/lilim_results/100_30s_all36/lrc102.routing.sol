Instance name : lrc102
Solver : routing
Time limit : 30.0
Solution
Route 1 : 92 95 62 29 30 32 103 89
Route 2 : 33 28 27 26 31 34 50 93 94 80
Route 3 : 39 71 67 84 56 66
Route 4 : 42 36 44 81 54 68
Route 5 : 96 106 72 104 38 41 40 43 35 37
Route 6 : 91 64 99 86 57 74 59 52
Route 7 : 2 45 1 3 5 8 101 6 46 4 60 98
Route 8 : 65 83 19 23 21 18 48 25 77 105
Route 9 : 85 63 76 51 22 49 20 24
Route 10 : 61 90
Route 11 : 69 88 53 78 10 13 17 12
Route 12 : 82 11 73 79 7 55 100 70
Route 13 : 14 47 15 16 9 87 97 75 102 58
