;; One function whose 200 i64 locals all stay live across 1,500
;; multiplies: small to send, slow for Cranelift's register allocator.
(module
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get 82 local.get 38 i64.mul local.set 101
    local.get 166 local.get 12 i64.mul local.set 18
    local.get 137 local.get 24 i64.mul local.set 93
    local.get 149 local.get 14 i64.mul local.set 129
    local.get 54 local.get 9 i64.mul local.set 22
    local.get 111 local.get 107 i64.mul local.set 17
    local.get 61 local.get 23 i64.mul local.set 141
    local.get 108 local.get 15 i64.mul local.set 144
    local.get 31 local.get 57 i64.mul local.set 161
    local.get 160 local.get 149 i64.mul local.set 15
    local.get 147 local.get 149 i64.mul local.set 101
    local.get 12 local.get 56 i64.mul local.set 11
    local.get 142 local.get 34 i64.mul local.set 74
    local.get 107 local.get 36 i64.mul local.set 138
    local.get 30 local.get 146 i64.mul local.set 78
    local.get 143 local.get 174 i64.mul local.set 46
    local.get 26 local.get 148 i64.mul local.set 146
    local.get 163 local.get 48 i64.mul local.set 95
    local.get 24 local.get 140 i64.mul local.set 182
    local.get 16 local.get 144 i64.mul local.set 15
    local.get 158 local.get 52 i64.mul local.set 127
    local.get 174 local.get 136 i64.mul local.set 109
    local.get 198 local.get 80 i64.mul local.set 119
    local.get 149 local.get 116 i64.mul local.set 92
    local.get 76 local.get 63 i64.mul local.set 46
    local.get 178 local.get 199 i64.mul local.set 62
    local.get 20 local.get 147 i64.mul local.set 76
    local.get 134 local.get 126 i64.mul local.set 87
    local.get 186 local.get 114 i64.mul local.set 73
    local.get 155 local.get 18 i64.mul local.set 30
    local.get 131 local.get 107 i64.mul local.set 42
    local.get 193 local.get 87 i64.mul local.set 38
    local.get 125 local.get 107 i64.mul local.set 10
    local.get 171 local.get 19 i64.mul local.set 195
    local.get 142 local.get 146 i64.mul local.set 80
    local.get 87 local.get 177 i64.mul local.set 89
    local.get 152 local.get 127 i64.mul local.set 148
    local.get 116 local.get 17 i64.mul local.set 23
    local.get 69 local.get 121 i64.mul local.set 178
    local.get 170 local.get 16 i64.mul local.set 15
    local.get 187 local.get 179 i64.mul local.set 79
    local.get 165 local.get 147 i64.mul local.set 174
    local.get 114 local.get 72 i64.mul local.set 183
    local.get 98 local.get 171 i64.mul local.set 88
    local.get 5 local.get 118 i64.mul local.set 90
    local.get 43 local.get 156 i64.mul local.set 29
    local.get 126 local.get 15 i64.mul local.set 55
    local.get 196 local.get 73 i64.mul local.set 33
    local.get 189 local.get 63 i64.mul local.set 101
    local.get 100 local.get 127 i64.mul local.set 20
    local.get 42 local.get 114 i64.mul local.set 102
    local.get 140 local.get 71 i64.mul local.set 35
    local.get 110 local.get 140 i64.mul local.set 71
    local.get 180 local.get 106 i64.mul local.set 91
    local.get 174 local.get 97 i64.mul local.set 59
    local.get 38 local.get 21 i64.mul local.set 45
    local.get 38 local.get 59 i64.mul local.set 168
    local.get 59 local.get 3 i64.mul local.set 124
    local.get 150 local.get 46 i64.mul local.set 67
    local.get 72 local.get 1 i64.mul local.set 37
    local.get 107 local.get 136 i64.mul local.set 94
    local.get 156 local.get 144 i64.mul local.set 81
    local.get 32 local.get 176 i64.mul local.set 131
    local.get 158 local.get 167 i64.mul local.set 173
    local.get 189 local.get 13 i64.mul local.set 116
    local.get 199 local.get 174 i64.mul local.set 143
    local.get 100 local.get 101 i64.mul local.set 102
    local.get 100 local.get 26 i64.mul local.set 123
    local.get 162 local.get 102 i64.mul local.set 15
    local.get 48 local.get 17 i64.mul local.set 53
    local.get 112 local.get 41 i64.mul local.set 28
    local.get 87 local.get 153 i64.mul local.set 13
    local.get 26 local.get 0 i64.mul local.set 145
    local.get 38 local.get 137 i64.mul local.set 25
    local.get 93 local.get 157 i64.mul local.set 6
    local.get 18 local.get 53 i64.mul local.set 157
    local.get 96 local.get 38 i64.mul local.set 162
    local.get 64 local.get 88 i64.mul local.set 154
    local.get 93 local.get 121 i64.mul local.set 31
    local.get 29 local.get 124 i64.mul local.set 119
    local.get 122 local.get 123 i64.mul local.set 79
    local.get 21 local.get 36 i64.mul local.set 26
    local.get 191 local.get 87 i64.mul local.set 189
    local.get 67 local.get 122 i64.mul local.set 177
    local.get 41 local.get 132 i64.mul local.set 5
    local.get 52 local.get 135 i64.mul local.set 92
    local.get 37 local.get 176 i64.mul local.set 139
    local.get 6 local.get 194 i64.mul local.set 135
    local.get 76 local.get 164 i64.mul local.set 23
    local.get 178 local.get 66 i64.mul local.set 132
    local.get 93 local.get 42 i64.mul local.set 91
    local.get 197 local.get 57 i64.mul local.set 136
    local.get 138 local.get 199 i64.mul local.set 128
    local.get 84 local.get 162 i64.mul local.set 57
    local.get 156 local.get 194 i64.mul local.set 49
    local.get 61 local.get 102 i64.mul local.set 189
    local.get 58 local.get 51 i64.mul local.set 132
    local.get 126 local.get 91 i64.mul local.set 187
    local.get 7 local.get 7 i64.mul local.set 71
    local.get 120 local.get 66 i64.mul local.set 49
    local.get 177 local.get 154 i64.mul local.set 88
    local.get 114 local.get 185 i64.mul local.set 89
    local.get 93 local.get 20 i64.mul local.set 56
    local.get 26 local.get 58 i64.mul local.set 120
    local.get 50 local.get 86 i64.mul local.set 52
    local.get 123 local.get 159 i64.mul local.set 156
    local.get 0 local.get 122 i64.mul local.set 167
    local.get 88 local.get 164 i64.mul local.set 21
    local.get 169 local.get 30 i64.mul local.set 99
    local.get 182 local.get 192 i64.mul local.set 51
    local.get 122 local.get 45 i64.mul local.set 111
    local.get 162 local.get 85 i64.mul local.set 22
    local.get 184 local.get 101 i64.mul local.set 118
    local.get 102 local.get 190 i64.mul local.set 21
    local.get 185 local.get 40 i64.mul local.set 43
    local.get 32 local.get 7 i64.mul local.set 38
    local.get 151 local.get 119 i64.mul local.set 167
    local.get 37 local.get 156 i64.mul local.set 152
    local.get 121 local.get 168 i64.mul local.set 89
    local.get 39 local.get 140 i64.mul local.set 140
    local.get 33 local.get 5 i64.mul local.set 3
    local.get 185 local.get 166 i64.mul local.set 26
    local.get 134 local.get 191 i64.mul local.set 35
    local.get 111 local.get 49 i64.mul local.set 54
    local.get 7 local.get 64 i64.mul local.set 54
    local.get 74 local.get 128 i64.mul local.set 61
    local.get 195 local.get 150 i64.mul local.set 83
    local.get 66 local.get 139 i64.mul local.set 107
    local.get 33 local.get 15 i64.mul local.set 189
    local.get 90 local.get 117 i64.mul local.set 169
    local.get 149 local.get 132 i64.mul local.set 107
    local.get 128 local.get 33 i64.mul local.set 136
    local.get 38 local.get 134 i64.mul local.set 130
    local.get 4 local.get 112 i64.mul local.set 198
    local.get 46 local.get 155 i64.mul local.set 1
    local.get 198 local.get 38 i64.mul local.set 44
    local.get 36 local.get 121 i64.mul local.set 158
    local.get 185 local.get 30 i64.mul local.set 142
    local.get 15 local.get 83 i64.mul local.set 174
    local.get 132 local.get 135 i64.mul local.set 142
    local.get 123 local.get 198 i64.mul local.set 27
    local.get 143 local.get 14 i64.mul local.set 63
    local.get 48 local.get 70 i64.mul local.set 10
    local.get 197 local.get 25 i64.mul local.set 129
    local.get 115 local.get 143 i64.mul local.set 7
    local.get 194 local.get 16 i64.mul local.set 113
    local.get 83 local.get 156 i64.mul local.set 129
    local.get 155 local.get 131 i64.mul local.set 51
    local.get 177 local.get 70 i64.mul local.set 115
    local.get 130 local.get 136 i64.mul local.set 122
    local.get 129 local.get 63 i64.mul local.set 178
    local.get 133 local.get 66 i64.mul local.set 143
    local.get 51 local.get 114 i64.mul local.set 35
    local.get 106 local.get 31 i64.mul local.set 100
    local.get 113 local.get 80 i64.mul local.set 18
    local.get 171 local.get 61 i64.mul local.set 109
    local.get 18 local.get 54 i64.mul local.set 171
    local.get 77 local.get 31 i64.mul local.set 198
    local.get 39 local.get 183 i64.mul local.set 164
    local.get 169 local.get 93 i64.mul local.set 36
    local.get 64 local.get 35 i64.mul local.set 119
    local.get 56 local.get 191 i64.mul local.set 24
    local.get 101 local.get 124 i64.mul local.set 41
    local.get 170 local.get 57 i64.mul local.set 41
    local.get 180 local.get 110 i64.mul local.set 131
    local.get 103 local.get 86 i64.mul local.set 107
    local.get 50 local.get 91 i64.mul local.set 81
    local.get 23 local.get 184 i64.mul local.set 93
    local.get 4 local.get 86 i64.mul local.set 141
    local.get 117 local.get 112 i64.mul local.set 180
    local.get 4 local.get 98 i64.mul local.set 84
    local.get 132 local.get 159 i64.mul local.set 75
    local.get 131 local.get 16 i64.mul local.set 28
    local.get 58 local.get 26 i64.mul local.set 21
    local.get 67 local.get 69 i64.mul local.set 10
    local.get 199 local.get 46 i64.mul local.set 69
    local.get 193 local.get 33 i64.mul local.set 108
    local.get 173 local.get 66 i64.mul local.set 103
    local.get 38 local.get 137 i64.mul local.set 131
    local.get 146 local.get 126 i64.mul local.set 179
    local.get 83 local.get 22 i64.mul local.set 71
    local.get 14 local.get 176 i64.mul local.set 46
    local.get 108 local.get 18 i64.mul local.set 68
    local.get 4 local.get 162 i64.mul local.set 22
    local.get 66 local.get 21 i64.mul local.set 155
    local.get 56 local.get 17 i64.mul local.set 67
    local.get 31 local.get 116 i64.mul local.set 2
    local.get 86 local.get 141 i64.mul local.set 106
    local.get 68 local.get 159 i64.mul local.set 33
    local.get 11 local.get 134 i64.mul local.set 181
    local.get 61 local.get 28 i64.mul local.set 41
    local.get 67 local.get 12 i64.mul local.set 46
    local.get 51 local.get 79 i64.mul local.set 160
    local.get 78 local.get 135 i64.mul local.set 194
    local.get 52 local.get 74 i64.mul local.set 114
    local.get 128 local.get 172 i64.mul local.set 45
    local.get 69 local.get 88 i64.mul local.set 4
    local.get 64 local.get 9 i64.mul local.set 3
    local.get 4 local.get 187 i64.mul local.set 129
    local.get 141 local.get 48 i64.mul local.set 131
    local.get 121 local.get 62 i64.mul local.set 114
    local.get 27 local.get 168 i64.mul local.set 166
    local.get 110 local.get 168 i64.mul local.set 126
    local.get 139 local.get 100 i64.mul local.set 129
    local.get 78 local.get 176 i64.mul local.set 55
    local.get 58 local.get 87 i64.mul local.set 50
    local.get 180 local.get 186 i64.mul local.set 162
    local.get 35 local.get 103 i64.mul local.set 88
    local.get 13 local.get 33 i64.mul local.set 3
    local.get 18 local.get 160 i64.mul local.set 189
    local.get 65 local.get 110 i64.mul local.set 41
    local.get 14 local.get 21 i64.mul local.set 170
    local.get 97 local.get 129 i64.mul local.set 171
    local.get 72 local.get 153 i64.mul local.set 62
    local.get 177 local.get 75 i64.mul local.set 11
    local.get 117 local.get 47 i64.mul local.set 40
    local.get 68 local.get 114 i64.mul local.set 0
    local.get 67 local.get 93 i64.mul local.set 84
    local.get 140 local.get 82 i64.mul local.set 62
    local.get 8 local.get 79 i64.mul local.set 55
    local.get 91 local.get 46 i64.mul local.set 0
    local.get 85 local.get 97 i64.mul local.set 21
    local.get 121 local.get 71 i64.mul local.set 128
    local.get 167 local.get 51 i64.mul local.set 63
    local.get 129 local.get 198 i64.mul local.set 1
    local.get 23 local.get 67 i64.mul local.set 22
    local.get 36 local.get 102 i64.mul local.set 150
    local.get 10 local.get 100 i64.mul local.set 5
    local.get 76 local.get 77 i64.mul local.set 161
    local.get 59 local.get 21 i64.mul local.set 149
    local.get 135 local.get 192 i64.mul local.set 39
    local.get 168 local.get 183 i64.mul local.set 152
    local.get 99 local.get 195 i64.mul local.set 83
    local.get 184 local.get 126 i64.mul local.set 38
    local.get 72 local.get 185 i64.mul local.set 158
    local.get 164 local.get 37 i64.mul local.set 11
    local.get 183 local.get 131 i64.mul local.set 160
    local.get 109 local.get 187 i64.mul local.set 179
    local.get 129 local.get 35 i64.mul local.set 134
    local.get 192 local.get 129 i64.mul local.set 145
    local.get 4 local.get 175 i64.mul local.set 149
    local.get 182 local.get 174 i64.mul local.set 177
    local.get 164 local.get 58 i64.mul local.set 21
    local.get 7 local.get 10 i64.mul local.set 34
    local.get 163 local.get 92 i64.mul local.set 26
    local.get 96 local.get 115 i64.mul local.set 142
    local.get 12 local.get 160 i64.mul local.set 4
    local.get 160 local.get 136 i64.mul local.set 174
    local.get 62 local.get 125 i64.mul local.set 67
    local.get 0 local.get 116 i64.mul local.set 17
    local.get 191 local.get 128 i64.mul local.set 137
    local.get 23 local.get 168 i64.mul local.set 134
    local.get 16 local.get 190 i64.mul local.set 188
    local.get 121 local.get 64 i64.mul local.set 19
    local.get 67 local.get 60 i64.mul local.set 186
    local.get 193 local.get 52 i64.mul local.set 59
    local.get 189 local.get 166 i64.mul local.set 117
    local.get 126 local.get 97 i64.mul local.set 19
    local.get 122 local.get 175 i64.mul local.set 73
    local.get 196 local.get 11 i64.mul local.set 157
    local.get 161 local.get 164 i64.mul local.set 50
    local.get 19 local.get 153 i64.mul local.set 37
    local.get 84 local.get 65 i64.mul local.set 166
    local.get 190 local.get 177 i64.mul local.set 77
    local.get 159 local.get 145 i64.mul local.set 34
    local.get 3 local.get 123 i64.mul local.set 15
    local.get 124 local.get 68 i64.mul local.set 172
    local.get 25 local.get 177 i64.mul local.set 55
    local.get 172 local.get 125 i64.mul local.set 74
    local.get 181 local.get 132 i64.mul local.set 73
    local.get 118 local.get 119 i64.mul local.set 119
    local.get 196 local.get 30 i64.mul local.set 140
    local.get 51 local.get 79 i64.mul local.set 21
    local.get 121 local.get 4 i64.mul local.set 74
    local.get 117 local.get 19 i64.mul local.set 129
    local.get 115 local.get 68 i64.mul local.set 99
    local.get 53 local.get 53 i64.mul local.set 19
    local.get 148 local.get 23 i64.mul local.set 36
    local.get 191 local.get 134 i64.mul local.set 67
    local.get 92 local.get 33 i64.mul local.set 154
    local.get 161 local.get 130 i64.mul local.set 71
    local.get 28 local.get 180 i64.mul local.set 93
    local.get 59 local.get 127 i64.mul local.set 124
    local.get 100 local.get 6 i64.mul local.set 40
    local.get 0 local.get 125 i64.mul local.set 174
    local.get 115 local.get 103 i64.mul local.set 77
    local.get 186 local.get 36 i64.mul local.set 106
    local.get 88 local.get 96 i64.mul local.set 80
    local.get 30 local.get 84 i64.mul local.set 0
    local.get 83 local.get 192 i64.mul local.set 86
    local.get 101 local.get 30 i64.mul local.set 50
    local.get 182 local.get 3 i64.mul local.set 189
    local.get 74 local.get 64 i64.mul local.set 95
    local.get 16 local.get 100 i64.mul local.set 99
    local.get 150 local.get 19 i64.mul local.set 92
    local.get 109 local.get 193 i64.mul local.set 70
    local.get 12 local.get 71 i64.mul local.set 26
    local.get 13 local.get 169 i64.mul local.set 73
    local.get 162 local.get 38 i64.mul local.set 63
    local.get 68 local.get 111 i64.mul local.set 130
    local.get 80 local.get 48 i64.mul local.set 197
    local.get 95 local.get 109 i64.mul local.set 7
    local.get 194 local.get 161 i64.mul local.set 102
    local.get 141 local.get 140 i64.mul local.set 52
    local.get 184 local.get 20 i64.mul local.set 12
    local.get 187 local.get 105 i64.mul local.set 115
    local.get 157 local.get 192 i64.mul local.set 35
    local.get 164 local.get 73 i64.mul local.set 124
    local.get 12 local.get 140 i64.mul local.set 32
    local.get 43 local.get 120 i64.mul local.set 106
    local.get 87 local.get 72 i64.mul local.set 76
    local.get 65 local.get 189 i64.mul local.set 189
    local.get 167 local.get 66 i64.mul local.set 103
    local.get 167 local.get 61 i64.mul local.set 77
    local.get 123 local.get 142 i64.mul local.set 171
    local.get 100 local.get 30 i64.mul local.set 42
    local.get 164 local.get 41 i64.mul local.set 19
    local.get 53 local.get 128 i64.mul local.set 127
    local.get 140 local.get 56 i64.mul local.set 115
    local.get 85 local.get 194 i64.mul local.set 115
    local.get 109 local.get 35 i64.mul local.set 140
    local.get 49 local.get 62 i64.mul local.set 23
    local.get 44 local.get 87 i64.mul local.set 142
    local.get 23 local.get 81 i64.mul local.set 61
    local.get 94 local.get 66 i64.mul local.set 145
    local.get 51 local.get 5 i64.mul local.set 191
    local.get 105 local.get 98 i64.mul local.set 105
    local.get 190 local.get 134 i64.mul local.set 53
    local.get 96 local.get 69 i64.mul local.set 86
    local.get 192 local.get 15 i64.mul local.set 127
    local.get 71 local.get 147 i64.mul local.set 92
    local.get 32 local.get 175 i64.mul local.set 128
    local.get 135 local.get 161 i64.mul local.set 55
    local.get 23 local.get 69 i64.mul local.set 63
    local.get 98 local.get 102 i64.mul local.set 165
    local.get 114 local.get 110 i64.mul local.set 79
    local.get 5 local.get 32 i64.mul local.set 8
    local.get 108 local.get 181 i64.mul local.set 195
    local.get 121 local.get 150 i64.mul local.set 125
    local.get 0 local.get 18 i64.mul local.set 100
    local.get 135 local.get 119 i64.mul local.set 114
    local.get 63 local.get 27 i64.mul local.set 57
    local.get 39 local.get 38 i64.mul local.set 133
    local.get 174 local.get 27 i64.mul local.set 184
    local.get 179 local.get 165 i64.mul local.set 195
    local.get 117 local.get 21 i64.mul local.set 141
    local.get 198 local.get 10 i64.mul local.set 0
    local.get 32 local.get 59 i64.mul local.set 145
    local.get 9 local.get 165 i64.mul local.set 183
    local.get 77 local.get 32 i64.mul local.set 160
    local.get 64 local.get 135 i64.mul local.set 162
    local.get 111 local.get 178 i64.mul local.set 195
    local.get 28 local.get 25 i64.mul local.set 18
    local.get 76 local.get 134 i64.mul local.set 149
    local.get 49 local.get 99 i64.mul local.set 66
    local.get 57 local.get 153 i64.mul local.set 0
    local.get 2 local.get 137 i64.mul local.set 77
    local.get 117 local.get 71 i64.mul local.set 80
    local.get 165 local.get 62 i64.mul local.set 121
    local.get 134 local.get 60 i64.mul local.set 140
    local.get 63 local.get 7 i64.mul local.set 105
    local.get 180 local.get 166 i64.mul local.set 78
    local.get 14 local.get 5 i64.mul local.set 49
    local.get 127 local.get 172 i64.mul local.set 165
    local.get 107 local.get 20 i64.mul local.set 65
    local.get 58 local.get 170 i64.mul local.set 108
    local.get 94 local.get 58 i64.mul local.set 126
    local.get 8 local.get 178 i64.mul local.set 86
    local.get 183 local.get 107 i64.mul local.set 92
    local.get 174 local.get 101 i64.mul local.set 50
    local.get 1 local.get 74 i64.mul local.set 189
    local.get 129 local.get 17 i64.mul local.set 52
    local.get 126 local.get 51 i64.mul local.set 79
    local.get 196 local.get 49 i64.mul local.set 59
    local.get 119 local.get 56 i64.mul local.set 67
    local.get 194 local.get 75 i64.mul local.set 27
    local.get 159 local.get 126 i64.mul local.set 156
    local.get 47 local.get 57 i64.mul local.set 124
    local.get 106 local.get 170 i64.mul local.set 14
    local.get 152 local.get 37 i64.mul local.set 100
    local.get 13 local.get 54 i64.mul local.set 6
    local.get 152 local.get 36 i64.mul local.set 106
    local.get 13 local.get 181 i64.mul local.set 15
    local.get 47 local.get 100 i64.mul local.set 115
    local.get 182 local.get 80 i64.mul local.set 187
    local.get 28 local.get 20 i64.mul local.set 42
    local.get 84 local.get 48 i64.mul local.set 47
    local.get 167 local.get 134 i64.mul local.set 191
    local.get 119 local.get 8 i64.mul local.set 79
    local.get 170 local.get 185 i64.mul local.set 96
    local.get 95 local.get 84 i64.mul local.set 113
    local.get 43 local.get 27 i64.mul local.set 0
    local.get 20 local.get 71 i64.mul local.set 20
    local.get 89 local.get 107 i64.mul local.set 31
    local.get 143 local.get 194 i64.mul local.set 53
    local.get 97 local.get 91 i64.mul local.set 196
    local.get 79 local.get 110 i64.mul local.set 22
    local.get 12 local.get 180 i64.mul local.set 121
    local.get 50 local.get 95 i64.mul local.set 138
    local.get 114 local.get 49 i64.mul local.set 82
    local.get 93 local.get 188 i64.mul local.set 121
    local.get 7 local.get 161 i64.mul local.set 105
    local.get 63 local.get 160 i64.mul local.set 196
    local.get 103 local.get 10 i64.mul local.set 96
    local.get 8 local.get 118 i64.mul local.set 16
    local.get 15 local.get 65 i64.mul local.set 49
    local.get 191 local.get 16 i64.mul local.set 155
    local.get 86 local.get 92 i64.mul local.set 69
    local.get 85 local.get 157 i64.mul local.set 11
    local.get 67 local.get 191 i64.mul local.set 183
    local.get 176 local.get 81 i64.mul local.set 70
    local.get 76 local.get 0 i64.mul local.set 184
    local.get 193 local.get 152 i64.mul local.set 162
    local.get 16 local.get 6 i64.mul local.set 59
    local.get 27 local.get 121 i64.mul local.set 183
    local.get 119 local.get 198 i64.mul local.set 98
    local.get 64 local.get 110 i64.mul local.set 126
    local.get 33 local.get 127 i64.mul local.set 46
    local.get 2 local.get 189 i64.mul local.set 77
    local.get 177 local.get 197 i64.mul local.set 38
    local.get 155 local.get 60 i64.mul local.set 83
    local.get 81 local.get 117 i64.mul local.set 92
    local.get 152 local.get 20 i64.mul local.set 131
    local.get 50 local.get 100 i64.mul local.set 192
    local.get 40 local.get 63 i64.mul local.set 104
    local.get 16 local.get 166 i64.mul local.set 8
    local.get 123 local.get 141 i64.mul local.set 139
    local.get 83 local.get 41 i64.mul local.set 109
    local.get 26 local.get 18 i64.mul local.set 67
    local.get 159 local.get 21 i64.mul local.set 53
    local.get 24 local.get 107 i64.mul local.set 127
    local.get 181 local.get 114 i64.mul local.set 44
    local.get 59 local.get 34 i64.mul local.set 106
    local.get 117 local.get 158 i64.mul local.set 172
    local.get 60 local.get 191 i64.mul local.set 137
    local.get 198 local.get 170 i64.mul local.set 194
    local.get 31 local.get 199 i64.mul local.set 75
    local.get 75 local.get 71 i64.mul local.set 145
    local.get 68 local.get 95 i64.mul local.set 65
    local.get 188 local.get 66 i64.mul local.set 50
    local.get 112 local.get 63 i64.mul local.set 47
    local.get 62 local.get 60 i64.mul local.set 39
    local.get 72 local.get 148 i64.mul local.set 48
    local.get 83 local.get 16 i64.mul local.set 101
    local.get 64 local.get 62 i64.mul local.set 129
    local.get 134 local.get 59 i64.mul local.set 166
    local.get 25 local.get 167 i64.mul local.set 118
    local.get 9 local.get 26 i64.mul local.set 1
    local.get 121 local.get 59 i64.mul local.set 114
    local.get 95 local.get 10 i64.mul local.set 75
    local.get 59 local.get 30 i64.mul local.set 12
    local.get 48 local.get 153 i64.mul local.set 149
    local.get 49 local.get 19 i64.mul local.set 95
    local.get 131 local.get 45 i64.mul local.set 114
    local.get 154 local.get 66 i64.mul local.set 198
    local.get 199 local.get 170 i64.mul local.set 1
    local.get 27 local.get 163 i64.mul local.set 152
    local.get 181 local.get 158 i64.mul local.set 89
    local.get 55 local.get 9 i64.mul local.set 94
    local.get 87 local.get 36 i64.mul local.set 11
    local.get 52 local.get 65 i64.mul local.set 9
    local.get 153 local.get 187 i64.mul local.set 166
    local.get 52 local.get 2 i64.mul local.set 83
    local.get 104 local.get 173 i64.mul local.set 95
    local.get 47 local.get 158 i64.mul local.set 79
    local.get 19 local.get 52 i64.mul local.set 8
    local.get 126 local.get 140 i64.mul local.set 123
    local.get 16 local.get 104 i64.mul local.set 25
    local.get 101 local.get 169 i64.mul local.set 140
    local.get 39 local.get 163 i64.mul local.set 136
    local.get 23 local.get 167 i64.mul local.set 41
    local.get 101 local.get 178 i64.mul local.set 69
    local.get 104 local.get 72 i64.mul local.set 170
    local.get 78 local.get 106 i64.mul local.set 13
    local.get 79 local.get 190 i64.mul local.set 145
    local.get 91 local.get 106 i64.mul local.set 106
    local.get 4 local.get 196 i64.mul local.set 93
    local.get 164 local.get 50 i64.mul local.set 100
    local.get 186 local.get 103 i64.mul local.set 52
    local.get 1 local.get 111 i64.mul local.set 40
    local.get 108 local.get 29 i64.mul local.set 23
    local.get 103 local.get 147 i64.mul local.set 93
    local.get 117 local.get 197 i64.mul local.set 41
    local.get 33 local.get 3 i64.mul local.set 13
    local.get 141 local.get 36 i64.mul local.set 164
    local.get 101 local.get 22 i64.mul local.set 146
    local.get 159 local.get 94 i64.mul local.set 188
    local.get 129 local.get 43 i64.mul local.set 37
    local.get 89 local.get 72 i64.mul local.set 41
    local.get 133 local.get 43 i64.mul local.set 17
    local.get 27 local.get 98 i64.mul local.set 125
    local.get 192 local.get 50 i64.mul local.set 77
    local.get 32 local.get 11 i64.mul local.set 123
    local.get 80 local.get 13 i64.mul local.set 155
    local.get 162 local.get 99 i64.mul local.set 22
    local.get 182 local.get 158 i64.mul local.set 176
    local.get 41 local.get 163 i64.mul local.set 56
    local.get 158 local.get 103 i64.mul local.set 157
    local.get 50 local.get 121 i64.mul local.set 46
    local.get 144 local.get 55 i64.mul local.set 10
    local.get 102 local.get 132 i64.mul local.set 40
    local.get 98 local.get 91 i64.mul local.set 31
    local.get 38 local.get 63 i64.mul local.set 185
    local.get 49 local.get 10 i64.mul local.set 143
    local.get 193 local.get 172 i64.mul local.set 9
    local.get 170 local.get 82 i64.mul local.set 30
    local.get 99 local.get 153 i64.mul local.set 116
    local.get 140 local.get 160 i64.mul local.set 199
    local.get 78 local.get 166 i64.mul local.set 107
    local.get 78 local.get 149 i64.mul local.set 63
    local.get 108 local.get 99 i64.mul local.set 168
    local.get 94 local.get 114 i64.mul local.set 128
    local.get 112 local.get 45 i64.mul local.set 5
    local.get 0 local.get 158 i64.mul local.set 125
    local.get 119 local.get 60 i64.mul local.set 114
    local.get 195 local.get 158 i64.mul local.set 199
    local.get 117 local.get 45 i64.mul local.set 121
    local.get 102 local.get 27 i64.mul local.set 17
    local.get 32 local.get 91 i64.mul local.set 110
    local.get 93 local.get 23 i64.mul local.set 113
    local.get 129 local.get 130 i64.mul local.set 168
    local.get 10 local.get 10 i64.mul local.set 162
    local.get 33 local.get 21 i64.mul local.set 187
    local.get 80 local.get 199 i64.mul local.set 184
    local.get 130 local.get 20 i64.mul local.set 13
    local.get 192 local.get 129 i64.mul local.set 96
    local.get 167 local.get 34 i64.mul local.set 6
    local.get 16 local.get 157 i64.mul local.set 187
    local.get 177 local.get 28 i64.mul local.set 49
    local.get 33 local.get 125 i64.mul local.set 73
    local.get 42 local.get 175 i64.mul local.set 184
    local.get 56 local.get 16 i64.mul local.set 89
    local.get 156 local.get 193 i64.mul local.set 64
    local.get 40 local.get 82 i64.mul local.set 157
    local.get 70 local.get 116 i64.mul local.set 36
    local.get 65 local.get 128 i64.mul local.set 122
    local.get 53 local.get 151 i64.mul local.set 67
    local.get 157 local.get 129 i64.mul local.set 60
    local.get 81 local.get 95 i64.mul local.set 9
    local.get 50 local.get 46 i64.mul local.set 103
    local.get 41 local.get 162 i64.mul local.set 71
    local.get 173 local.get 83 i64.mul local.set 96
    local.get 43 local.get 67 i64.mul local.set 29
    local.get 196 local.get 135 i64.mul local.set 12
    local.get 162 local.get 92 i64.mul local.set 115
    local.get 142 local.get 133 i64.mul local.set 148
    local.get 176 local.get 26 i64.mul local.set 64
    local.get 137 local.get 161 i64.mul local.set 100
    local.get 188 local.get 95 i64.mul local.set 67
    local.get 96 local.get 94 i64.mul local.set 147
    local.get 37 local.get 92 i64.mul local.set 84
    local.get 195 local.get 20 i64.mul local.set 113
    local.get 58 local.get 45 i64.mul local.set 157
    local.get 190 local.get 12 i64.mul local.set 75
    local.get 132 local.get 64 i64.mul local.set 79
    local.get 163 local.get 149 i64.mul local.set 169
    local.get 80 local.get 187 i64.mul local.set 0
    local.get 191 local.get 8 i64.mul local.set 56
    local.get 38 local.get 74 i64.mul local.set 157
    local.get 160 local.get 110 i64.mul local.set 106
    local.get 131 local.get 93 i64.mul local.set 12
    local.get 33 local.get 125 i64.mul local.set 58
    local.get 156 local.get 167 i64.mul local.set 11
    local.get 5 local.get 13 i64.mul local.set 0
    local.get 145 local.get 90 i64.mul local.set 77
    local.get 27 local.get 133 i64.mul local.set 91
    local.get 136 local.get 57 i64.mul local.set 105
    local.get 149 local.get 77 i64.mul local.set 150
    local.get 34 local.get 52 i64.mul local.set 93
    local.get 159 local.get 121 i64.mul local.set 40
    local.get 34 local.get 3 i64.mul local.set 62
    local.get 181 local.get 38 i64.mul local.set 115
    local.get 24 local.get 16 i64.mul local.set 163
    local.get 37 local.get 170 i64.mul local.set 69
    local.get 102 local.get 67 i64.mul local.set 2
    local.get 14 local.get 165 i64.mul local.set 143
    local.get 89 local.get 152 i64.mul local.set 165
    local.get 148 local.get 113 i64.mul local.set 154
    local.get 132 local.get 187 i64.mul local.set 126
    local.get 63 local.get 42 i64.mul local.set 0
    local.get 11 local.get 15 i64.mul local.set 136
    local.get 6 local.get 103 i64.mul local.set 47
    local.get 60 local.get 40 i64.mul local.set 14
    local.get 199 local.get 26 i64.mul local.set 3
    local.get 156 local.get 141 i64.mul local.set 168
    local.get 50 local.get 36 i64.mul local.set 105
    local.get 51 local.get 132 i64.mul local.set 155
    local.get 164 local.get 129 i64.mul local.set 165
    local.get 164 local.get 106 i64.mul local.set 156
    local.get 44 local.get 130 i64.mul local.set 79
    local.get 16 local.get 76 i64.mul local.set 160
    local.get 12 local.get 185 i64.mul local.set 122
    local.get 183 local.get 137 i64.mul local.set 1
    local.get 96 local.get 111 i64.mul local.set 190
    local.get 119 local.get 20 i64.mul local.set 189
    local.get 167 local.get 115 i64.mul local.set 44
    local.get 57 local.get 26 i64.mul local.set 66
    local.get 59 local.get 164 i64.mul local.set 9
    local.get 31 local.get 85 i64.mul local.set 191
    local.get 177 local.get 67 i64.mul local.set 182
    local.get 13 local.get 68 i64.mul local.set 162
    local.get 141 local.get 173 i64.mul local.set 111
    local.get 175 local.get 133 i64.mul local.set 67
    local.get 75 local.get 164 i64.mul local.set 55
    local.get 21 local.get 129 i64.mul local.set 3
    local.get 43 local.get 66 i64.mul local.set 60
    local.get 190 local.get 51 i64.mul local.set 40
    local.get 191 local.get 83 i64.mul local.set 49
    local.get 99 local.get 84 i64.mul local.set 153
    local.get 61 local.get 97 i64.mul local.set 161
    local.get 177 local.get 170 i64.mul local.set 137
    local.get 120 local.get 120 i64.mul local.set 135
    local.get 178 local.get 1 i64.mul local.set 6
    local.get 111 local.get 185 i64.mul local.set 59
    local.get 146 local.get 78 i64.mul local.set 54
    local.get 100 local.get 159 i64.mul local.set 149
    local.get 19 local.get 144 i64.mul local.set 43
    local.get 37 local.get 8 i64.mul local.set 6
    local.get 28 local.get 27 i64.mul local.set 159
    local.get 41 local.get 88 i64.mul local.set 36
    local.get 179 local.get 7 i64.mul local.set 7
    local.get 10 local.get 35 i64.mul local.set 177
    local.get 164 local.get 162 i64.mul local.set 10
    local.get 178 local.get 17 i64.mul local.set 188
    local.get 11 local.get 16 i64.mul local.set 151
    local.get 195 local.get 93 i64.mul local.set 51
    local.get 136 local.get 170 i64.mul local.set 16
    local.get 193 local.get 182 i64.mul local.set 98
    local.get 27 local.get 63 i64.mul local.set 52
    local.get 52 local.get 28 i64.mul local.set 8
    local.get 8 local.get 192 i64.mul local.set 162
    local.get 22 local.get 192 i64.mul local.set 161
    local.get 161 local.get 73 i64.mul local.set 122
    local.get 25 local.get 33 i64.mul local.set 25
    local.get 193 local.get 165 i64.mul local.set 52
    local.get 75 local.get 81 i64.mul local.set 86
    local.get 108 local.get 66 i64.mul local.set 5
    local.get 89 local.get 65 i64.mul local.set 72
    local.get 12 local.get 183 i64.mul local.set 194
    local.get 94 local.get 82 i64.mul local.set 196
    local.get 154 local.get 128 i64.mul local.set 121
    local.get 73 local.get 158 i64.mul local.set 190
    local.get 7 local.get 105 i64.mul local.set 7
    local.get 111 local.get 132 i64.mul local.set 197
    local.get 25 local.get 88 i64.mul local.set 120
    local.get 180 local.get 12 i64.mul local.set 137
    local.get 144 local.get 55 i64.mul local.set 182
    local.get 23 local.get 147 i64.mul local.set 73
    local.get 43 local.get 111 i64.mul local.set 0
    local.get 134 local.get 51 i64.mul local.set 73
    local.get 195 local.get 192 i64.mul local.set 13
    local.get 1 local.get 89 i64.mul local.set 125
    local.get 24 local.get 125 i64.mul local.set 177
    local.get 47 local.get 126 i64.mul local.set 151
    local.get 88 local.get 131 i64.mul local.set 66
    local.get 147 local.get 40 i64.mul local.set 72
    local.get 54 local.get 179 i64.mul local.set 59
    local.get 127 local.get 42 i64.mul local.set 28
    local.get 162 local.get 196 i64.mul local.set 20
    local.get 125 local.get 178 i64.mul local.set 143
    local.get 26 local.get 160 i64.mul local.set 83
    local.get 91 local.get 24 i64.mul local.set 102
    local.get 101 local.get 190 i64.mul local.set 22
    local.get 108 local.get 165 i64.mul local.set 6
    local.get 95 local.get 52 i64.mul local.set 77
    local.get 67 local.get 109 i64.mul local.set 139
    local.get 128 local.get 43 i64.mul local.set 97
    local.get 161 local.get 59 i64.mul local.set 117
    local.get 32 local.get 136 i64.mul local.set 152
    local.get 193 local.get 176 i64.mul local.set 192
    local.get 154 local.get 165 i64.mul local.set 8
    local.get 89 local.get 148 i64.mul local.set 83
    local.get 133 local.get 39 i64.mul local.set 115
    local.get 169 local.get 141 i64.mul local.set 189
    local.get 82 local.get 43 i64.mul local.set 118
    local.get 112 local.get 176 i64.mul local.set 197
    local.get 65 local.get 148 i64.mul local.set 59
    local.get 32 local.get 85 i64.mul local.set 118
    local.get 164 local.get 178 i64.mul local.set 60
    local.get 129 local.get 49 i64.mul local.set 68
    local.get 77 local.get 193 i64.mul local.set 180
    local.get 158 local.get 39 i64.mul local.set 185
    local.get 39 local.get 63 i64.mul local.set 185
    local.get 83 local.get 154 i64.mul local.set 133
    local.get 89 local.get 41 i64.mul local.set 60
    local.get 83 local.get 48 i64.mul local.set 66
    local.get 186 local.get 26 i64.mul local.set 42
    local.get 168 local.get 26 i64.mul local.set 50
    local.get 98 local.get 38 i64.mul local.set 37
    local.get 77 local.get 187 i64.mul local.set 76
    local.get 111 local.get 70 i64.mul local.set 50
    local.get 27 local.get 163 i64.mul local.set 27
    local.get 71 local.get 52 i64.mul local.set 99
    local.get 118 local.get 8 i64.mul local.set 3
    local.get 102 local.get 111 i64.mul local.set 177
    local.get 56 local.get 128 i64.mul local.set 161
    local.get 75 local.get 118 i64.mul local.set 5
    local.get 36 local.get 65 i64.mul local.set 154
    local.get 188 local.get 103 i64.mul local.set 1
    local.get 189 local.get 62 i64.mul local.set 110
    local.get 179 local.get 146 i64.mul local.set 150
    local.get 191 local.get 165 i64.mul local.set 107
    local.get 58 local.get 170 i64.mul local.set 184
    local.get 167 local.get 198 i64.mul local.set 164
    local.get 179 local.get 149 i64.mul local.set 58
    local.get 173 local.get 46 i64.mul local.set 164
    local.get 31 local.get 116 i64.mul local.set 110
    local.get 80 local.get 66 i64.mul local.set 160
    local.get 179 local.get 25 i64.mul local.set 107
    local.get 62 local.get 102 i64.mul local.set 182
    local.get 182 local.get 161 i64.mul local.set 40
    local.get 64 local.get 108 i64.mul local.set 123
    local.get 116 local.get 5 i64.mul local.set 159
    local.get 104 local.get 132 i64.mul local.set 172
    local.get 169 local.get 46 i64.mul local.set 167
    local.get 83 local.get 199 i64.mul local.set 2
    local.get 99 local.get 125 i64.mul local.set 27
    local.get 9 local.get 64 i64.mul local.set 139
    local.get 55 local.get 41 i64.mul local.set 183
    local.get 51 local.get 132 i64.mul local.set 89
    local.get 25 local.get 147 i64.mul local.set 116
    local.get 138 local.get 52 i64.mul local.set 183
    local.get 121 local.get 131 i64.mul local.set 4
    local.get 163 local.get 94 i64.mul local.set 133
    local.get 87 local.get 105 i64.mul local.set 189
    local.get 116 local.get 53 i64.mul local.set 175
    local.get 47 local.get 100 i64.mul local.set 131
    local.get 195 local.get 31 i64.mul local.set 186
    local.get 157 local.get 91 i64.mul local.set 163
    local.get 14 local.get 64 i64.mul local.set 70
    local.get 97 local.get 102 i64.mul local.set 15
    local.get 3 local.get 19 i64.mul local.set 107
    local.get 107 local.get 160 i64.mul local.set 178
    local.get 172 local.get 90 i64.mul local.set 148
    local.get 67 local.get 27 i64.mul local.set 57
    local.get 77 local.get 189 i64.mul local.set 102
    local.get 134 local.get 56 i64.mul local.set 100
    local.get 118 local.get 54 i64.mul local.set 42
    local.get 33 local.get 198 i64.mul local.set 17
    local.get 162 local.get 49 i64.mul local.set 120
    local.get 164 local.get 143 i64.mul local.set 184
    local.get 57 local.get 37 i64.mul local.set 90
    local.get 170 local.get 163 i64.mul local.set 105
    local.get 119 local.get 75 i64.mul local.set 194
    local.get 140 local.get 166 i64.mul local.set 32
    local.get 199 local.get 120 i64.mul local.set 90
    local.get 58 local.get 68 i64.mul local.set 180
    local.get 96 local.get 175 i64.mul local.set 64
    local.get 109 local.get 173 i64.mul local.set 47
    local.get 123 local.get 0 i64.mul local.set 184
    local.get 71 local.get 91 i64.mul local.set 62
    local.get 167 local.get 77 i64.mul local.set 82
    local.get 122 local.get 124 i64.mul local.set 109
    local.get 159 local.get 163 i64.mul local.set 21
    local.get 168 local.get 92 i64.mul local.set 39
    local.get 77 local.get 98 i64.mul local.set 14
    local.get 21 local.get 144 i64.mul local.set 83
    local.get 35 local.get 135 i64.mul local.set 88
    local.get 162 local.get 149 i64.mul local.set 3
    local.get 168 local.get 2 i64.mul local.set 53
    local.get 18 local.get 167 i64.mul local.set 75
    local.get 64 local.get 155 i64.mul local.set 25
    local.get 148 local.get 36 i64.mul local.set 59
    local.get 47 local.get 198 i64.mul local.set 115
    local.get 88 local.get 39 i64.mul local.set 53
    local.get 103 local.get 136 i64.mul local.set 42
    local.get 156 local.get 176 i64.mul local.set 155
    local.get 23 local.get 171 i64.mul local.set 140
    local.get 162 local.get 76 i64.mul local.set 50
    local.get 126 local.get 177 i64.mul local.set 54
    local.get 135 local.get 20 i64.mul local.set 189
    local.get 112 local.get 171 i64.mul local.set 29
    local.get 142 local.get 30 i64.mul local.set 67
    local.get 107 local.get 59 i64.mul local.set 35
    local.get 121 local.get 126 i64.mul local.set 142
    local.get 14 local.get 123 i64.mul local.set 119
    local.get 36 local.get 179 i64.mul local.set 125
    local.get 63 local.get 127 i64.mul local.set 42
    local.get 138 local.get 153 i64.mul local.set 188
    local.get 1 local.get 41 i64.mul local.set 82
    local.get 119 local.get 178 i64.mul local.set 144
    local.get 127 local.get 170 i64.mul local.set 75
    local.get 119 local.get 95 i64.mul local.set 109
    local.get 107 local.get 173 i64.mul local.set 19
    local.get 46 local.get 163 i64.mul local.set 92
    local.get 162 local.get 165 i64.mul local.set 7
    local.get 5 local.get 156 i64.mul local.set 11
    local.get 174 local.get 188 i64.mul local.set 84
    local.get 24 local.get 130 i64.mul local.set 123
    local.get 124 local.get 193 i64.mul local.set 36
    local.get 8 local.get 54 i64.mul local.set 183
    local.get 106 local.get 160 i64.mul local.set 32
    local.get 86 local.get 24 i64.mul local.set 168
    local.get 93 local.get 87 i64.mul local.set 121
    local.get 199 local.get 134 i64.mul local.set 141
    local.get 197 local.get 53 i64.mul local.set 72
    local.get 111 local.get 87 i64.mul local.set 108
    local.get 64 local.get 141 i64.mul local.set 13
    local.get 74 local.get 74 i64.mul local.set 90
    local.get 126 local.get 103 i64.mul local.set 85
    local.get 128 local.get 69 i64.mul local.set 129
    local.get 88 local.get 52 i64.mul local.set 167
    local.get 126 local.get 30 i64.mul local.set 84
    local.get 49 local.get 81 i64.mul local.set 182
    local.get 76 local.get 32 i64.mul local.set 150
    local.get 162 local.get 22 i64.mul local.set 10
    local.get 102 local.get 185 i64.mul local.set 141
    local.get 103 local.get 139 i64.mul local.set 146
    local.get 12 local.get 102 i64.mul local.set 76
    local.get 27 local.get 1 i64.mul local.set 11
    local.get 48 local.get 121 i64.mul local.set 155
    local.get 196 local.get 168 i64.mul local.set 15
    local.get 128 local.get 139 i64.mul local.set 156
    local.get 96 local.get 157 i64.mul local.set 37
    local.get 160 local.get 172 i64.mul local.set 178
    local.get 176 local.get 152 i64.mul local.set 174
    local.get 21 local.get 54 i64.mul local.set 10
    local.get 170 local.get 162 i64.mul local.set 117
    local.get 160 local.get 195 i64.mul local.set 44
    local.get 25 local.get 169 i64.mul local.set 46
    local.get 9 local.get 107 i64.mul local.set 198
    local.get 25 local.get 167 i64.mul local.set 3
    local.get 94 local.get 35 i64.mul local.set 79
    local.get 143 local.get 181 i64.mul local.set 66
    local.get 77 local.get 47 i64.mul local.set 107
    local.get 8 local.get 81 i64.mul local.set 5
    local.get 110 local.get 144 i64.mul local.set 164
    local.get 148 local.get 13 i64.mul local.set 127
    local.get 145 local.get 133 i64.mul local.set 10
    local.get 30 local.get 198 i64.mul local.set 107
    local.get 147 local.get 178 i64.mul local.set 103
    local.get 114 local.get 17 i64.mul local.set 3
    local.get 174 local.get 99 i64.mul local.set 152
    local.get 151 local.get 168 i64.mul local.set 39
    local.get 121 local.get 197 i64.mul local.set 105
    local.get 140 local.get 26 i64.mul local.set 21
    local.get 164 local.get 120 i64.mul local.set 54
    local.get 38 local.get 160 i64.mul local.set 3
    local.get 109 local.get 1 i64.mul local.set 2
    local.get 175 local.get 171 i64.mul local.set 31
    local.get 22 local.get 55 i64.mul local.set 31
    local.get 33 local.get 120 i64.mul local.set 4
    local.get 70 local.get 184 i64.mul local.set 145
    local.get 62 local.get 115 i64.mul local.set 187
    local.get 190 local.get 47 i64.mul local.set 12
    local.get 93 local.get 198 i64.mul local.set 191
    local.get 182 local.get 177 i64.mul local.set 37
    local.get 186 local.get 194 i64.mul local.set 21
    local.get 75 local.get 160 i64.mul local.set 142
    local.get 181 local.get 127 i64.mul local.set 117
    local.get 171 local.get 65 i64.mul local.set 13
    local.get 183 local.get 8 i64.mul local.set 2
    local.get 15 local.get 3 i64.mul local.set 166
    local.get 175 local.get 158 i64.mul local.set 20
    local.get 99 local.get 79 i64.mul local.set 79
    local.get 186 local.get 153 i64.mul local.set 42
    local.get 124 local.get 155 i64.mul local.set 15
    local.get 80 local.get 94 i64.mul local.set 147
    local.get 186 local.get 112 i64.mul local.set 120
    local.get 173 local.get 42 i64.mul local.set 37
    local.get 29 local.get 92 i64.mul local.set 165
    local.get 41 local.get 161 i64.mul local.set 106
    local.get 122 local.get 98 i64.mul local.set 199
    local.get 115 local.get 69 i64.mul local.set 193
    local.get 145 local.get 85 i64.mul local.set 74
    local.get 71 local.get 15 i64.mul local.set 159
    local.get 166 local.get 180 i64.mul local.set 153
    local.get 85 local.get 155 i64.mul local.set 185
    local.get 3 local.get 38 i64.mul local.set 153
    local.get 79 local.get 149 i64.mul local.set 109
    local.get 63 local.get 96 i64.mul local.set 99
    local.get 175 local.get 96 i64.mul local.set 154
    local.get 197 local.get 59 i64.mul local.set 115
    local.get 72 local.get 176 i64.mul local.set 0
    local.get 82 local.get 67 i64.mul local.set 68
    local.get 108 local.get 40 i64.mul local.set 150
    local.get 195 local.get 10 i64.mul local.set 73
    local.get 36 local.get 146 i64.mul local.set 37
    local.get 70 local.get 140 i64.mul local.set 175
    local.get 198 local.get 127 i64.mul local.set 88
    local.get 136 local.get 21 i64.mul local.set 138
    local.get 141 local.get 124 i64.mul local.set 97
    local.get 51 local.get 192 i64.mul local.set 184
    local.get 59 local.get 79 i64.mul local.set 155
    local.get 14 local.get 173 i64.mul local.set 101
    local.get 119 local.get 181 i64.mul local.set 52
    local.get 65 local.get 150 i64.mul local.set 192
    local.get 2 local.get 98 i64.mul local.set 117
    local.get 138 local.get 22 i64.mul local.set 137
    local.get 90 local.get 197 i64.mul local.set 16
    local.get 59 local.get 101 i64.mul local.set 148
    local.get 133 local.get 66 i64.mul local.set 133
    local.get 82 local.get 122 i64.mul local.set 129
    local.get 150 local.get 51 i64.mul local.set 48
    local.get 54 local.get 49 i64.mul local.set 23
    local.get 46 local.get 179 i64.mul local.set 74
    local.get 92 local.get 147 i64.mul local.set 144
    local.get 91 local.get 103 i64.mul local.set 199
    local.get 132 local.get 38 i64.mul local.set 63
    local.get 11 local.get 126 i64.mul local.set 95
    local.get 27 local.get 95 i64.mul local.set 161
    local.get 118 local.get 20 i64.mul local.set 39
    local.get 80 local.get 152 i64.mul local.set 7
    local.get 88 local.get 71 i64.mul local.set 132
    local.get 155 local.get 5 i64.mul local.set 24
    local.get 8 local.get 52 i64.mul local.set 144
    local.get 124 local.get 150 i64.mul local.set 145
    local.get 54 local.get 66 i64.mul local.set 199
    local.get 71 local.get 109 i64.mul local.set 24
    local.get 114 local.get 196 i64.mul local.set 151
    local.get 155 local.get 33 i64.mul local.set 65
    local.get 9 local.get 86 i64.mul local.set 51
    local.get 46 local.get 96 i64.mul local.set 21
    local.get 7 local.get 13 i64.mul local.set 8
    local.get 142 local.get 94 i64.mul local.set 180
    local.get 117 local.get 124 i64.mul local.set 16
    local.get 153 local.get 163 i64.mul local.set 101
    local.get 30 local.get 180 i64.mul local.set 23
    local.get 65 local.get 81 i64.mul local.set 144
    local.get 59 local.get 164 i64.mul local.set 22
    local.get 171 local.get 129 i64.mul local.set 100
    local.get 46 local.get 114 i64.mul local.set 40
    local.get 94 local.get 60 i64.mul local.set 184
    local.get 56 local.get 44 i64.mul local.set 9
    local.get 65 local.get 90 i64.mul local.set 15
    local.get 141 local.get 7 i64.mul local.set 12
    local.get 66 local.get 131 i64.mul local.set 181
    local.get 189 local.get 165 i64.mul local.set 194
    local.get 123 local.get 14 i64.mul local.set 25
    local.get 37 local.get 81 i64.mul local.set 193
    local.get 1 local.get 50 i64.mul local.set 173
    local.get 191 local.get 76 i64.mul local.set 150
    local.get 151 local.get 112 i64.mul local.set 194
    local.get 167 local.get 26 i64.mul local.set 120
    local.get 82 local.get 95 i64.mul local.set 65
    local.get 99 local.get 31 i64.mul local.set 95
    local.get 123 local.get 97 i64.mul local.set 43
    local.get 112 local.get 61 i64.mul local.set 36
    local.get 173 local.get 3 i64.mul local.set 119
    local.get 183 local.get 49 i64.mul local.set 9
    local.get 40 local.get 56 i64.mul local.set 19
    local.get 158 local.get 95 i64.mul local.set 191
    local.get 35 local.get 199 i64.mul local.set 114
    local.get 24 local.get 98 i64.mul local.set 5
    local.get 160 local.get 19 i64.mul local.set 115
    local.get 86 local.get 82 i64.mul local.set 59
    local.get 122 local.get 29 i64.mul local.set 160
    local.get 93 local.get 36 i64.mul local.set 84
    local.get 56 local.get 188 i64.mul local.set 14
    local.get 46 local.get 182 i64.mul local.set 115
    local.get 141 local.get 37 i64.mul local.set 112
    local.get 38 local.get 68 i64.mul local.set 107
    local.get 105 local.get 63 i64.mul local.set 39
    local.get 6 local.get 69 i64.mul local.set 146
    local.get 75 local.get 85 i64.mul local.set 42
    local.get 66 local.get 125 i64.mul local.set 27
    local.get 81 local.get 116 i64.mul local.set 123
    local.get 29 local.get 39 i64.mul local.set 131
    local.get 14 local.get 161 i64.mul local.set 171
    local.get 54 local.get 143 i64.mul local.set 122
    local.get 73 local.get 30 i64.mul local.set 65
    local.get 193 local.get 51 i64.mul local.set 93
    local.get 110 local.get 66 i64.mul local.set 61
    local.get 60 local.get 24 i64.mul local.set 99
    local.get 74 local.get 106 i64.mul local.set 41
    local.get 14 local.get 185 i64.mul local.set 75
    local.get 36 local.get 163 i64.mul local.set 4
    local.get 113 local.get 129 i64.mul local.set 87
    local.get 130 local.get 35 i64.mul local.set 113
    local.get 0 local.get 134 i64.mul local.set 73
    local.get 47 local.get 92 i64.mul local.set 111
    local.get 10 local.get 104 i64.mul local.set 55
    local.get 70 local.get 146 i64.mul local.set 46
    local.get 35 local.get 46 i64.mul local.set 133
    local.get 197 local.get 58 i64.mul local.set 182
    local.get 44 local.get 50 i64.mul local.set 153
    local.get 20 local.get 22 i64.mul local.set 155
    local.get 187 local.get 126 i64.mul local.set 194
    local.get 70 local.get 44 i64.mul local.set 52
    local.get 35 local.get 156 i64.mul local.set 171
    local.get 181 local.get 160 i64.mul local.set 49
    local.get 149 local.get 78 i64.mul local.set 51
    local.get 2 local.get 16 i64.mul local.set 177
    local.get 187 local.get 133 i64.mul local.set 104
    local.get 184 local.get 14 i64.mul local.set 132
    local.get 88 local.get 85 i64.mul local.set 72
    local.get 163 local.get 126 i64.mul local.set 23
    local.get 3 local.get 104 i64.mul local.set 195
    local.get 122 local.get 34 i64.mul local.set 170
    local.get 68 local.get 63 i64.mul local.set 47
    local.get 144 local.get 93 i64.mul local.set 9
    local.get 41 local.get 179 i64.mul local.set 95
    local.get 147 local.get 152 i64.mul local.set 1
    local.get 91 local.get 133 i64.mul local.set 114
    local.get 132 local.get 18 i64.mul local.set 30
    local.get 91 local.get 182 i64.mul local.set 62
    local.get 82 local.get 199 i64.mul local.set 182
    local.get 97 local.get 147 i64.mul local.set 192
    local.get 15 local.get 74 i64.mul local.set 27
    local.get 187 local.get 126 i64.mul local.set 114
    local.get 131 local.get 6 i64.mul local.set 135
    local.get 137 local.get 34 i64.mul local.set 5
    local.get 62 local.get 22 i64.mul local.set 57
    local.get 158 local.get 46 i64.mul local.set 42
    local.get 26 local.get 79 i64.mul local.set 64
    local.get 142 local.get 7 i64.mul local.set 4
    local.get 24 local.get 178 i64.mul local.set 189
    local.get 49 local.get 66 i64.mul local.set 4
    local.get 153 local.get 163 i64.mul local.set 147
    local.get 118 local.get 133 i64.mul local.set 61
    local.get 179 local.get 113 i64.mul local.set 26
    local.get 89 local.get 24 i64.mul local.set 183
    local.get 45 local.get 11 i64.mul local.set 69
    local.get 31 local.get 119 i64.mul local.set 126
    local.get 149 local.get 128 i64.mul local.set 194
    local.get 71 local.get 28 i64.mul local.set 31
    local.get 31 local.get 103 i64.mul local.set 35
    local.get 138 local.get 151 i64.mul local.set 58
    local.get 58 local.get 37 i64.mul local.set 171
    local.get 146 local.get 118 i64.mul local.set 191
    local.get 101 local.get 42 i64.mul local.set 4
    local.get 162 local.get 99 i64.mul local.set 177
    local.get 107 local.get 152 i64.mul local.set 154
    local.get 134 local.get 9 i64.mul local.set 101
    local.get 13 local.get 198 i64.mul local.set 92
    local.get 86 local.get 102 i64.mul local.set 61
    local.get 85 local.get 183 i64.mul local.set 111
    local.get 144 local.get 82 i64.mul local.set 102
    local.get 143 local.get 13 i64.mul local.set 83
    local.get 132 local.get 37 i64.mul local.set 174
    local.get 90 local.get 63 i64.mul local.set 108
    local.get 169 local.get 161 i64.mul local.set 2
    local.get 93 local.get 27 i64.mul local.set 135
    local.get 47 local.get 17 i64.mul local.set 83
    local.get 110 local.get 51 i64.mul local.set 129
    local.get 171 local.get 5 i64.mul local.set 57
    local.get 35 local.get 107 i64.mul local.set 101
    local.get 198 local.get 116 i64.mul local.set 162
    local.get 11 local.get 10 i64.mul local.set 8
    local.get 164 local.get 158 i64.mul local.set 68
    local.get 173 local.get 159 i64.mul local.set 69
    local.get 160 local.get 138 i64.mul local.set 9
    local.get 159 local.get 25 i64.mul local.set 64
    local.get 31 local.get 133 i64.mul local.set 3
    local.get 111 local.get 60 i64.mul local.set 10
    local.get 73 local.get 28 i64.mul local.set 78
    local.get 88 local.get 165 i64.mul local.set 42
    local.get 30 local.get 15 i64.mul local.set 152
    local.get 131 local.get 68 i64.mul local.set 21
    local.get 119 local.get 151 i64.mul local.set 136
    local.get 37 local.get 112 i64.mul local.set 31
    local.get 130 local.get 33 i64.mul local.set 75
    local.get 104 local.get 147 i64.mul local.set 73
    local.get 70 local.get 62 i64.mul local.set 188
    local.get 22 local.get 189 i64.mul local.set 139
    local.get 73 local.get 116 i64.mul local.set 156
    local.get 177 local.get 145 i64.mul local.set 56
    local.get 166 local.get 98 i64.mul local.set 51
    local.get 140 local.get 181 i64.mul local.set 93
    local.get 117 local.get 140 i64.mul local.set 77
    local.get 156 local.get 122 i64.mul local.set 120
    local.get 79 local.get 7 i64.mul local.set 62
    local.get 85 local.get 56 i64.mul local.set 48
    local.get 131 local.get 139 i64.mul local.set 98
    local.get 149 local.get 101 i64.mul local.set 3
    local.get 90 local.get 41 i64.mul local.set 61
    local.get 82 local.get 142 i64.mul local.set 83
    local.get 125 local.get 69 i64.mul local.set 72
    local.get 55 local.get 75 i64.mul local.set 14
    local.get 197 local.get 5 i64.mul local.set 40
    local.get 141 local.get 17 i64.mul local.set 155
    local.get 89 local.get 112 i64.mul local.set 168
    local.get 15 local.get 132 i64.mul local.set 99
    local.get 112 local.get 90 i64.mul local.set 188
    local.get 195 local.get 27 i64.mul local.set 133
    local.get 57 local.get 173 i64.mul local.set 189
    local.get 39 local.get 106 i64.mul local.set 86
    local.get 171 local.get 90 i64.mul local.set 35
    local.get 172 local.get 51 i64.mul local.set 157
    local.get 156 local.get 70 i64.mul local.set 132
    local.get 24 local.get 189 i64.mul local.set 190
    local.get 194 local.get 121 i64.mul local.set 68
    local.get 161 local.get 181 i64.mul local.set 161
    local.get 180 local.get 32 i64.mul local.set 105
    local.get 26 local.get 1 i64.mul local.set 105
    local.get 196 local.get 140 i64.mul local.set 149
    local.get 30 local.get 127 i64.mul local.set 101
    local.get 146 local.get 38 i64.mul local.set 106
    local.get 71 local.get 159 i64.mul local.set 155
    local.get 28 local.get 97 i64.mul local.set 115
    local.get 177 local.get 117 i64.mul local.set 73
    local.get 185 local.get 90 i64.mul local.set 74
    local.get 90 local.get 100 i64.mul local.set 134
    local.get 142 local.get 152 i64.mul local.set 98
    local.get 165 local.get 82 i64.mul local.set 1
    local.get 190 local.get 127 i64.mul local.set 97
    local.get 113 local.get 76 i64.mul local.set 47
    local.get 137 local.get 77 i64.mul local.set 37
    local.get 111 local.get 147 i64.mul local.set 96
    local.get 148 local.get 59 i64.mul local.set 22
    local.get 84 local.get 82 i64.mul local.set 155
    local.get 62 local.get 83 i64.mul local.set 52
    local.get 109 local.get 2 i64.mul local.set 6
    local.get 12 local.get 65 i64.mul local.set 144
    local.get 127 local.get 76 i64.mul local.set 137
    local.get 198 local.get 79 i64.mul local.set 137
    local.get 158 local.get 111 i64.mul local.set 132
    local.get 132 local.get 186 i64.mul local.set 175
    local.get 110 local.get 99 i64.mul local.set 118
    local.get 91 local.get 10 i64.mul local.set 152
    local.get 173 local.get 89 i64.mul local.set 115
    local.get 2 local.get 173 i64.mul local.set 17
    local.get 134 local.get 58 i64.mul local.set 25
    local.get 104 local.get 95 i64.mul local.set 128
    local.get 102 local.get 166 i64.mul local.set 143
    local.get 146 local.get 39 i64.mul local.set 48
    local.get 107 local.get 124 i64.mul local.set 102
    local.get 112 local.get 196 i64.mul local.set 159
    local.get 150 local.get 87 i64.mul local.set 177
    local.get 135 local.get 191 i64.mul local.set 23
    local.get 43 local.get 92 i64.mul local.set 81
    local.get 93 local.get 19 i64.mul local.set 79
    local.get 131 local.get 44 i64.mul local.set 28
    local.get 167 local.get 75 i64.mul local.set 176
    local.get 87 local.get 130 i64.mul local.set 107
    local.get 161 local.get 40 i64.mul local.set 134
    local.get 74 local.get 130 i64.mul local.set 53
    local.get 129 local.get 48 i64.mul local.set 105
    local.get 46 local.get 15 i64.mul local.set 161
    local.get 144 local.get 154 i64.mul local.set 27
    local.get 90 local.get 145 i64.mul local.set 161
    local.get 162 local.get 185 i64.mul local.set 10
    local.get 177 local.get 105 i64.mul local.set 2
    local.get 0 local.get 78 i64.mul local.set 181
    local.get 176 local.get 141 i64.mul local.set 1
    local.get 77 local.get 101 i64.mul local.set 25
    local.get 150 local.get 3 i64.mul local.set 171
    local.get 7 local.get 50 i64.mul local.set 44
    local.get 127 local.get 196 i64.mul local.set 141
    local.get 145 local.get 68 i64.mul local.set 165
    local.get 136 local.get 131 i64.mul local.set 36
    local.get 147 local.get 50 i64.mul local.set 105
    local.get 154 local.get 31 i64.mul local.set 37
    local.get 40 local.get 132 i64.mul local.set 194
    local.get 130 local.get 27 i64.mul local.set 7
    local.get 25 local.get 19 i64.mul local.set 43
    local.get 133 local.get 125 i64.mul local.set 119
    local.get 156 local.get 110 i64.mul local.set 15
    local.get 166 local.get 3 i64.mul local.set 175
    local.get 197 local.get 148 i64.mul local.set 82
    local.get 36 local.get 183 i64.mul local.set 60
    local.get 90 local.get 70 i64.mul local.set 43
    local.get 8 local.get 68 i64.mul local.set 160
    local.get 25 local.get 149 i64.mul local.set 16
    local.get 89 local.get 49 i64.mul local.set 115
    local.get 159 local.get 98 i64.mul local.set 5
    local.get 13 local.get 56 i64.mul local.set 101
    local.get 149 local.get 195 i64.mul local.set 11
    local.get 112 local.get 13 i64.mul local.set 158
    local.get 61 local.get 63 i64.mul local.set 57
    local.get 11 local.get 40 i64.mul local.set 150
    local.get 44 local.get 80 i64.mul local.set 1
    local.get 116 local.get 77 i64.mul local.set 107
    local.get 154 local.get 64 i64.mul local.set 126
    local.get 17 local.get 62 i64.mul local.set 173
    local.get 99 local.get 172 i64.mul local.set 183
    local.get 149 local.get 56 i64.mul local.set 105
    local.get 79 local.get 102 i64.mul local.set 182
    local.get 124 local.get 5 i64.mul local.set 62
    local.get 22 local.get 44 i64.mul local.set 43
    local.get 91 local.get 97 i64.mul local.set 47
    local.get 1 local.get 74 i64.mul local.set 101
    local.get 143 local.get 92 i64.mul local.set 29
    local.get 85 local.get 136 i64.mul local.set 98
    local.get 85 local.get 103 i64.mul local.set 166
    local.get 16 local.get 31 i64.mul local.set 108
    local.get 89 local.get 141 i64.mul local.set 62
    local.get 99 local.get 48 i64.mul local.set 119
    local.get 72 local.get 88 i64.mul local.set 60
    local.get 111 local.get 8 i64.mul local.set 71
    local.get 170 local.get 6 i64.mul local.set 87
    local.get 39 local.get 61 i64.mul local.set 180
    local.get 33 local.get 23 i64.mul local.set 50
    local.get 69 local.get 139 i64.mul local.set 32
    local.get 142 local.get 113 i64.mul local.set 119
    local.get 61 local.get 40 i64.mul local.set 94
    local.get 90 local.get 55 i64.mul local.set 184
    local.get 103 local.get 96 i64.mul local.set 161
    local.get 148 local.get 53 i64.mul local.set 76
    local.get 121 local.get 129 i64.mul local.set 52
    local.get 58 local.get 115 i64.mul local.set 172
    local.get 33 local.get 180 i64.mul local.set 66
    local.get 152 local.get 112 i64.mul local.set 150
    local.get 94 local.get 136 i64.mul local.set 63
    local.get 103 local.get 155 i64.mul local.set 130
    local.get 54 local.get 32 i64.mul local.set 192
    local.get 31 local.get 173 i64.mul local.set 131
    local.get 23 local.get 138 i64.mul local.set 69
    local.get 188 local.get 197 i64.mul local.set 195
    local.get 98 local.get 7 i64.mul local.set 168
    local.get 183 local.get 145 i64.mul local.set 37
    local.get 79 local.get 3 i64.mul local.set 99
    local.get 181 local.get 22 i64.mul local.set 177
    local.get 45 local.get 198 i64.mul local.set 59
    local.get 82 local.get 48 i64.mul local.set 169
    local.get 27 local.get 17 i64.mul local.set 143
    local.get 92 local.get 128 i64.mul local.set 194
    local.get 76 local.get 49 i64.mul local.set 16
    local.get 183 local.get 79 i64.mul local.set 22
    local.get 57 local.get 73 i64.mul local.set 32
    local.get 183 local.get 102 i64.mul local.set 72
    local.get 91 local.get 103 i64.mul local.set 118
    local.get 198 local.get 160 i64.mul local.set 160
    local.get 33 local.get 70 i64.mul local.set 45
    local.get 7 local.get 93 i64.mul local.set 173
    local.get 169 local.get 176 i64.mul local.set 89
    local.get 105 local.get 6 i64.mul local.set 168
    local.get 180 local.get 179 i64.mul local.set 118
    local.get 63 local.get 102 i64.mul local.set 90
    local.get 160 local.get 25 i64.mul local.set 46
    local.get 74 local.get 29 i64.mul local.set 69
    local.get 155 local.get 187 i64.mul local.set 56
    local.get 182 local.get 173 i64.mul local.set 10
    local.get 103 local.get 10 i64.mul local.set 155
    local.get 41 local.get 110 i64.mul local.set 50
    local.get 193 local.get 77 i64.mul local.set 39
    local.get 97 local.get 189 i64.mul local.set 10
    local.get 141 local.get 79 i64.mul local.set 161
    local.get 163 local.get 45 i64.mul local.set 144
    local.get 58 local.get 145 i64.mul local.set 127
    local.get 183 local.get 133 i64.mul local.set 65
    local.get 111 local.get 171 i64.mul local.set 175
    local.get 147 local.get 89 i64.mul local.set 0
    local.get 28 local.get 195 i64.mul local.set 198
    local.get 167 local.get 73 i64.mul local.set 10
    local.get 149 local.get 155 i64.mul local.set 178
    local.get 12 local.get 62 i64.mul local.set 174
    local.get 28 local.get 9 i64.mul local.set 81
    local.get 53 local.get 198 i64.mul local.set 88
    local.get 191 local.get 22 i64.mul local.set 106
    local.get 177 local.get 190 i64.mul local.set 100
    local.get 191 local.get 157 i64.mul local.set 56
    local.get 71 local.get 134 i64.mul local.set 23
    local.get 89 local.get 108 i64.mul local.set 113
    local.get 87 local.get 177 i64.mul local.set 128
    local.get 189 local.get 176 i64.mul local.set 160
    local.get 160 local.get 115 i64.mul local.set 130
    local.get 13 local.get 173 i64.mul local.set 178
    local.get 52 local.get 109 i64.mul local.set 172
    local.get 131 local.get 199 i64.mul local.set 32
    local.get 125 local.get 195 i64.mul local.set 48
    local.get 11 local.get 179 i64.mul local.set 143
    local.get 66 local.get 44 i64.mul local.set 139
    local.get 41 local.get 199 i64.mul local.set 163
    local.get 60 local.get 139 i64.mul local.set 66
    local.get 63 local.get 15 i64.mul local.set 43
    local.get 91 local.get 88 i64.mul local.set 105
    local.get 23 local.get 51 i64.mul local.set 162
    local.get 79 local.get 35 i64.mul local.set 34
    local.get 175 local.get 180 i64.mul local.set 124
    local.get 171 local.get 123 i64.mul local.set 60
    local.get 180 local.get 61 i64.mul local.set 1
    local.get 131 local.get 177 i64.mul local.set 113
    local.get 34 local.get 164 i64.mul local.set 89
    local.get 178 local.get 76 i64.mul local.set 34
    local.get 181 local.get 36 i64.mul local.set 150
    local.get 144 local.get 61 i64.mul local.set 85
    local.get 161 local.get 30 i64.mul local.set 140
    local.get 108 local.get 194 i64.mul local.set 43
    local.get 173 local.get 170 i64.mul local.set 39
    local.get 153 local.get 118 i64.mul local.set 196
    local.get 103 local.get 52 i64.mul local.set 29
    local.get 176 local.get 74 i64.mul local.set 3
    local.get 92 local.get 124 i64.mul local.set 52
    local.get 11 local.get 15 i64.mul local.set 71
    local.get 77 local.get 50 i64.mul local.set 28
    local.get 179 local.get 79 i64.mul local.set 114
    local.get 28 local.get 41 i64.mul local.set 83
    local.get 113 local.get 119 i64.mul local.set 145
    local.get 92 local.get 74 i64.mul local.set 43
    local.get 142 local.get 18 i64.mul local.set 11
    local.get 2 local.get 119 i64.mul local.set 192
    local.get 124 local.get 21 i64.mul local.set 191
    local.get 183 local.get 84 i64.mul local.set 189
    local.get 144 local.get 67 i64.mul local.set 27
    local.get 165 local.get 125 i64.mul local.set 111
    local.get 125 local.get 48 i64.mul local.set 139
    local.get 82 local.get 2 i64.mul local.set 91
    local.get 23 local.get 164 i64.mul local.set 73
    local.get 160 local.get 157 i64.mul local.set 187
    local.get 167 local.get 179 i64.mul local.set 64
    local.get 167 local.get 62 i64.mul local.set 20
    local.get 35 local.get 191 i64.mul local.set 7
    local.get 6 local.get 198 i64.mul local.set 101
    local.get 37 local.get 75 i64.mul local.set 94
    local.get 47 local.get 163 i64.mul local.set 134
    local.get 174 local.get 43 i64.mul local.set 26
    local.get 184 local.get 79 i64.mul local.set 190
    local.get 157 local.get 83 i64.mul local.set 97
    local.get 47 local.get 165 i64.mul local.set 91
    local.get 81 local.get 58 i64.mul local.set 94
    local.get 34 local.get 141 i64.mul local.set 94
    local.get 64 local.get 61 i64.mul local.set 14
    local.get 10 local.get 27 i64.mul local.set 145
    local.get 160 local.get 180 i64.mul local.set 103
    local.get 12 local.get 55 i64.mul local.set 126
    local.get 108 local.get 127 i64.mul local.set 187
    local.get 40 local.get 76 i64.mul local.set 154
    local.get 148 local.get 160 i64.mul local.set 20
    local.get 36 local.get 176 i64.mul local.set 58
    local.get 41 local.get 35 i64.mul local.set 113
    local.get 163 local.get 102 i64.mul local.set 22
    local.get 10 local.get 112 i64.mul local.set 122
    local.get 48 local.get 55 i64.mul local.set 185
    local.get 95 local.get 0 i64.mul local.set 8
    local.get 156 local.get 130 i64.mul local.set 108
    local.get 36 local.get 72 i64.mul local.set 18
    local.get 169 local.get 14 i64.mul local.set 131
    local.get 181 local.get 107 i64.mul local.set 86
    local.get 16 local.get 112 i64.mul local.set 2
    local.get 170 local.get 45 i64.mul local.set 185
    local.get 42 local.get 96 i64.mul local.set 75
    local.get 1 local.get 113 i64.mul local.set 144
    local.get 172 local.get 89 i64.mul local.set 145
    local.get 50 local.get 120 i64.mul local.set 21
    local.get 138 local.get 82 i64.mul local.set 132
    local.get 117 local.get 109 i64.mul local.set 136
    local.get 160 local.get 39 i64.mul local.set 102
    local.get 155 local.get 158 i64.mul local.set 20
    local.get 15 local.get 185 i64.mul local.set 173
    local.get 84 local.get 155 i64.mul local.set 168
    local.get 76 local.get 144 i64.mul local.set 146
    local.get 107 local.get 94 i64.mul local.set 123
    local.get 168 local.get 165 i64.mul local.set 35
    local.get 76 local.get 87 i64.mul local.set 135
    local.get 162 local.get 7 i64.mul local.set 48
    local.get 56 local.get 173 i64.mul local.set 189
    local.get 114 local.get 176 i64.mul local.set 21
    local.get 37 local.get 169 i64.mul local.set 148
    local.get 95 local.get 142 i64.mul local.set 148
    local.get 106 local.get 92 i64.mul local.set 135
    local.get 61 local.get 144 i64.mul local.set 112
    local.get 101 local.get 66 i64.mul local.set 29
    local.get 58 local.get 46 i64.mul local.set 51
    local.get 140 local.get 191 i64.mul local.set 28
    local.get 56 local.get 64 i64.mul local.set 166
    local.get 24 local.get 48 i64.mul local.set 135
    local.get 171 local.get 64 i64.mul local.set 181
    local.get 125 local.get 58 i64.mul local.set 141
    local.get 117 local.get 57 i64.mul local.set 138
    local.get 146 local.get 178 i64.mul local.set 28
    local.get 188 local.get 131 i64.mul local.set 150
    local.get 145 local.get 20 i64.mul local.set 104
    local.get 173 local.get 18 i64.mul local.set 112
    local.get 34 local.get 128 i64.mul local.set 140
    local.get 129 local.get 182 i64.mul local.set 193
    local.get 29 local.get 160 i64.mul local.set 184
    local.get 131 local.get 26 i64.mul local.set 117
    local.get 175 local.get 100 i64.mul local.set 139
    local.get 43 local.get 49 i64.mul local.set 144
    local.get 121 local.get 198 i64.mul local.set 23
    local.get 35 local.get 95 i64.mul local.set 198
    local.get 158 local.get 14 i64.mul local.set 103
    local.get 60 local.get 12 i64.mul local.set 95
    local.get 10 local.get 3 i64.mul local.set 179
    local.get 152 local.get 54 i64.mul local.set 117
    local.get 76 local.get 30 i64.mul local.set 181
    local.get 34 local.get 109 i64.mul local.set 22
    local.get 159 local.get 51 i64.mul local.set 144
    local.get 29 local.get 186 i64.mul local.set 90
    local.get 43 local.get 93 i64.mul local.set 190
    local.get 87 local.get 195 i64.mul local.set 188
    local.get 174 local.get 2 i64.mul local.set 65
    local.get 31 local.get 61 i64.mul local.set 95
    local.get 131 local.get 188 i64.mul local.set 134
    local.get 91 local.get 184 i64.mul local.set 125
    local.get 11 local.get 154 i64.mul local.set 90
    local.get 25 local.get 91 i64.mul local.set 140
    local.get 83 local.get 154 i64.mul local.set 28
    local.get 8 local.get 172 i64.mul local.set 62
    local.get 65 local.get 90 i64.mul local.set 49
    local.get 177 local.get 114 i64.mul local.set 5
    local.get 148 local.get 112 i64.mul local.set 29
    local.get 5 local.get 124 i64.mul local.set 28
    local.get 18 local.get 66 i64.mul local.set 47
    local.get 38 local.get 141 i64.mul local.set 74
    local.get 175 local.get 171 i64.mul local.set 97
    local.get 36 local.get 150 i64.mul local.set 64
    local.get 137 local.get 176 i64.mul local.set 194
    local.get 68 local.get 113 i64.mul local.set 3
    local.get 6 local.get 87 i64.mul local.set 38
    local.get 124 local.get 128 i64.mul local.set 123
    local.get 8 local.get 9 i64.mul local.set 19
    local.get 46 local.get 158 i64.mul local.set 165
    local.get 173 local.get 153 i64.mul local.set 100
    local.get 121 local.get 40 i64.mul local.set 177
    local.get 114 local.get 100 i64.mul local.set 58
    local.get 156 local.get 132 i64.mul local.set 19
    local.get 92 local.get 84 i64.mul local.set 135
    local.get 55 local.get 79 i64.mul local.set 33
    local.get 150 local.get 159 i64.mul local.set 11
    local.get 54 local.get 43 i64.mul local.set 92
    local.get 186 local.get 119 i64.mul local.set 84
    local.get 147 local.get 119 i64.mul local.set 99
    local.get 90 local.get 80 i64.mul local.set 1
    local.get 85 local.get 148 i64.mul local.set 123
    local.get 85 local.get 58 i64.mul local.set 5
    local.get 63 local.get 117 i64.mul local.set 155
    local.get 11 local.get 161 i64.mul local.set 37
    local.get 186 local.get 171 i64.mul local.set 36
    local.get 69 local.get 98 i64.mul local.set 69
    local.get 16 local.get 128 i64.mul local.set 67
    local.get 91 local.get 145 i64.mul local.set 146
    local.get 135 local.get 149 i64.mul local.set 35
    local.get 178 local.get 8 i64.mul local.set 143
    local.get 197 local.get 24 i64.mul local.set 51
    local.get 198 local.get 109 i64.mul local.set 162
    local.get 146 local.get 162 i64.mul local.set 25
    local.get 92 local.get 72 i64.mul local.set 60
    local.get 36 local.get 174 i64.mul local.set 18
    local.get 77 local.get 195 i64.mul local.set 87
    local.get 189 local.get 92 i64.mul local.set 130
    local.get 162 local.get 62 i64.mul local.set 89
    local.get 140 local.get 183 i64.mul local.set 103
    local.get 85 local.get 15 i64.mul local.set 180
    local.get 86 local.get 171 i64.mul local.set 82
    local.get 123 local.get 128 i64.mul local.set 94
    local.get 62 local.get 60 i64.mul local.set 89
    local.get 38 local.get 34 i64.mul local.set 52
    local.get 1 local.get 171 i64.mul local.set 116
    local.get 103 local.get 114 i64.mul local.set 101
    local.get 145 local.get 197 i64.mul local.set 77
    local.get 43 local.get 150 i64.mul local.set 16
    local.get 36 local.get 77 i64.mul local.set 184
    local.get 78 local.get 64 i64.mul local.set 186
    local.get 146 local.get 141 i64.mul local.set 168
    local.get 87 local.get 18 i64.mul local.set 48
    local.get 149 local.get 20 i64.mul local.set 149
    local.get 45 local.get 77 i64.mul local.set 148
    local.get 90 local.get 119 i64.mul local.set 91
    local.get 198 local.get 176 i64.mul local.set 109
    local.get 184 local.get 17 i64.mul local.set 124
    local.get 81 local.get 44 i64.mul local.set 70
    local.get 65 local.get 139 i64.mul local.set 5
    local.get 194 local.get 42 i64.mul local.set 160
    local.get 68 local.get 60 i64.mul local.set 180
    local.get 5 local.get 55 i64.mul local.set 12
    local.get 102 local.get 114 i64.mul local.set 51
    local.get 154 local.get 72 i64.mul local.set 128
    local.get 165 local.get 25 i64.mul local.set 50
    local.get 61 local.get 187 i64.mul local.set 14
    local.get 33 local.get 153 i64.mul local.set 12
    local.get 20 local.get 18 i64.mul local.set 147
    local.get 87 local.get 184 i64.mul local.set 34
    local.get 1 local.get 48 i64.mul local.set 69
    local.get 137 local.get 164 i64.mul local.set 3
    local.get 163 local.get 82 i64.mul local.set 7
    local.get 54 local.get 82 i64.mul local.set 83
    local.get 191 local.get 6 i64.mul local.set 166
    local.get 124 local.get 103 i64.mul local.set 156
    local.get 173 local.get 86 i64.mul local.set 44
    local.get 14 local.get 106 i64.mul local.set 11
    local.get 22 local.get 160 i64.mul local.set 156
    local.get 85 local.get 198 i64.mul local.set 126
    local.get 153 local.get 102 i64.mul local.set 65
    local.get 118 local.get 3 i64.mul local.set 6
    local.get 81 local.get 144 i64.mul local.set 167
    local.get 80 local.get 14 i64.mul local.set 106
    local.get 157 local.get 181 i64.mul local.set 185
    local.get 84 local.get 40 i64.mul local.set 23
    local.get 4 local.get 39 i64.mul local.set 53
    local.get 36 local.get 135 i64.mul local.set 196
    local.get 23 local.get 91 i64.mul local.set 92
    local.get 108 local.get 88 i64.mul local.set 137
    local.get 174 local.get 150 i64.mul local.set 142
    local.get 39 local.get 168 i64.mul local.set 154
    local.get 147 local.get 84 i64.mul local.set 58
    local.get 189 local.get 158 i64.mul local.set 66
    local.get 182 local.get 122 i64.mul local.set 195
    local.get 8 local.get 198 i64.mul local.set 165
    local.get 79 local.get 166 i64.mul local.set 197
    local.get 140 local.get 180 i64.mul local.set 116
    local.get 143 local.get 71 i64.mul local.set 92
    local.get 133 local.get 135 i64.mul local.set 70
    local.get 33 local.get 64 i64.mul local.set 2
    local.get 142 local.get 121 i64.mul local.set 25
    local.get 167 local.get 198 i64.mul local.set 92
    local.get 38 local.get 160 i64.mul local.set 58
    local.get 102 local.get 193 i64.mul local.set 23
    local.get 7 local.get 159 i64.mul local.set 34
    local.get 31 local.get 15 i64.mul local.set 139
    local.get 128 local.get 52 i64.mul local.set 142
    local.get 199 local.get 46 i64.mul local.set 66
    local.get 155 local.get 93 i64.mul local.set 188
    local.get 38 local.get 45 i64.mul local.set 188
    local.get 199 local.get 41 i64.mul local.set 135
    local.get 7 local.get 89 i64.mul local.set 199
    local.get 181 local.get 62 i64.mul local.set 113
    local.get 127 local.get 54 i64.mul local.set 162
    local.get 88 local.get 99 i64.mul local.set 117
    local.get 0
    local.get 1 i64.add
    local.get 2 i64.add
    local.get 3 i64.add
    local.get 4 i64.add
    local.get 5 i64.add
    local.get 6 i64.add
    local.get 7 i64.add
    local.get 8 i64.add
    local.get 9 i64.add
    local.get 10 i64.add
    local.get 11 i64.add
    local.get 12 i64.add
    local.get 13 i64.add
    local.get 14 i64.add
    local.get 15 i64.add
    local.get 16 i64.add
    local.get 17 i64.add
    local.get 18 i64.add
    local.get 19 i64.add
    local.get 20 i64.add
    local.get 21 i64.add
    local.get 22 i64.add
    local.get 23 i64.add
    local.get 24 i64.add
    local.get 25 i64.add
    local.get 26 i64.add
    local.get 27 i64.add
    local.get 28 i64.add
    local.get 29 i64.add
    local.get 30 i64.add
    local.get 31 i64.add
    local.get 32 i64.add
    local.get 33 i64.add
    local.get 34 i64.add
    local.get 35 i64.add
    local.get 36 i64.add
    local.get 37 i64.add
    local.get 38 i64.add
    local.get 39 i64.add
    local.get 40 i64.add
    local.get 41 i64.add
    local.get 42 i64.add
    local.get 43 i64.add
    local.get 44 i64.add
    local.get 45 i64.add
    local.get 46 i64.add
    local.get 47 i64.add
    local.get 48 i64.add
    local.get 49 i64.add
    local.get 50 i64.add
    local.get 51 i64.add
    local.get 52 i64.add
    local.get 53 i64.add
    local.get 54 i64.add
    local.get 55 i64.add
    local.get 56 i64.add
    local.get 57 i64.add
    local.get 58 i64.add
    local.get 59 i64.add
    local.get 60 i64.add
    local.get 61 i64.add
    local.get 62 i64.add
    local.get 63 i64.add
    local.get 64 i64.add
    local.get 65 i64.add
    local.get 66 i64.add
    local.get 67 i64.add
    local.get 68 i64.add
    local.get 69 i64.add
    local.get 70 i64.add
    local.get 71 i64.add
    local.get 72 i64.add
    local.get 73 i64.add
    local.get 74 i64.add
    local.get 75 i64.add
    local.get 76 i64.add
    local.get 77 i64.add
    local.get 78 i64.add
    local.get 79 i64.add
    local.get 80 i64.add
    local.get 81 i64.add
    local.get 82 i64.add
    local.get 83 i64.add
    local.get 84 i64.add
    local.get 85 i64.add
    local.get 86 i64.add
    local.get 87 i64.add
    local.get 88 i64.add
    local.get 89 i64.add
    local.get 90 i64.add
    local.get 91 i64.add
    local.get 92 i64.add
    local.get 93 i64.add
    local.get 94 i64.add
    local.get 95 i64.add
    local.get 96 i64.add
    local.get 97 i64.add
    local.get 98 i64.add
    local.get 99 i64.add
    local.get 100 i64.add
    local.get 101 i64.add
    local.get 102 i64.add
    local.get 103 i64.add
    local.get 104 i64.add
    local.get 105 i64.add
    local.get 106 i64.add
    local.get 107 i64.add
    local.get 108 i64.add
    local.get 109 i64.add
    local.get 110 i64.add
    local.get 111 i64.add
    local.get 112 i64.add
    local.get 113 i64.add
    local.get 114 i64.add
    local.get 115 i64.add
    local.get 116 i64.add
    local.get 117 i64.add
    local.get 118 i64.add
    local.get 119 i64.add
    local.get 120 i64.add
    local.get 121 i64.add
    local.get 122 i64.add
    local.get 123 i64.add
    local.get 124 i64.add
    local.get 125 i64.add
    local.get 126 i64.add
    local.get 127 i64.add
    local.get 128 i64.add
    local.get 129 i64.add
    local.get 130 i64.add
    local.get 131 i64.add
    local.get 132 i64.add
    local.get 133 i64.add
    local.get 134 i64.add
    local.get 135 i64.add
    local.get 136 i64.add
    local.get 137 i64.add
    local.get 138 i64.add
    local.get 139 i64.add
    local.get 140 i64.add
    local.get 141 i64.add
    local.get 142 i64.add
    local.get 143 i64.add
    local.get 144 i64.add
    local.get 145 i64.add
    local.get 146 i64.add
    local.get 147 i64.add
    local.get 148 i64.add
    local.get 149 i64.add
    local.get 150 i64.add
    local.get 151 i64.add
    local.get 152 i64.add
    local.get 153 i64.add
    local.get 154 i64.add
    local.get 155 i64.add
    local.get 156 i64.add
    local.get 157 i64.add
    local.get 158 i64.add
    local.get 159 i64.add
    local.get 160 i64.add
    local.get 161 i64.add
    local.get 162 i64.add
    local.get 163 i64.add
    local.get 164 i64.add
    local.get 165 i64.add
    local.get 166 i64.add
    local.get 167 i64.add
    local.get 168 i64.add
    local.get 169 i64.add
    local.get 170 i64.add
    local.get 171 i64.add
    local.get 172 i64.add
    local.get 173 i64.add
    local.get 174 i64.add
    local.get 175 i64.add
    local.get 176 i64.add
    local.get 177 i64.add
    local.get 178 i64.add
    local.get 179 i64.add
    local.get 180 i64.add
    local.get 181 i64.add
    local.get 182 i64.add
    local.get 183 i64.add
    local.get 184 i64.add
    local.get 185 i64.add
    local.get 186 i64.add
    local.get 187 i64.add
    local.get 188 i64.add
    local.get 189 i64.add
    local.get 190 i64.add
    local.get 191 i64.add
    local.get 192 i64.add
    local.get 193 i64.add
    local.get 194 i64.add
    local.get 195 i64.add
    local.get 196 i64.add
    local.get 197 i64.add
    local.get 198 i64.add
    local.get 199 i64.add
    i32.wrap_i64))
