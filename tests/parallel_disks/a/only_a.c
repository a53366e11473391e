/* only_a.c - present only on RAM disk a; pdisk looks for its name. */
int main(void)
{
    return 0;
}
