/* only_b.c - present only on RAM disk b; pdisk looks for its name. */
int main(void)
{
    return 0;
}
