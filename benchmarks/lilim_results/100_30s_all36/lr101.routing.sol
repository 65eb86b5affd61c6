Instance name : lr101
Solver : routing
Time limit : 30.0
Solution
Route 1 : 14 44 105 38 43 13
Route 2 : 65 71 81 50 68 103
Route 3 : 95 98 16 86 91 100
Route 4 : 39 23 104 67 55 25
Route 5 : 72 75 22 74 102 58
Route 6 : 62 11 90 20 32 70
Route 7 : 5 83 61 85 37 93
Route 8 : 59 99 94 96
Route 9 : 52 6
Route 10 : 33 29 78 34 35 77
Route 11 : 2 21 73 41 56 4
Route 12 : 45 82 18 84 60 89
Route 13 : 31 88 7 10
Route 14 : 30 51 101 9 66 1
Route 15 : 28 12 40 53 106 26
Route 16 : 92 42 15 87 57 97
Route 17 : 36 47 19 8 46 17
Route 18 : 27 69 76 79 3 54 24 80
Route 19 : 63 64 49 48
