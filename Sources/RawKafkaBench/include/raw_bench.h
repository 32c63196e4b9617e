#pragma once
int shuniu_raw_placeholder(void);
