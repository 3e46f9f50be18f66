<#--
  Gleam's statements, included into Calcite's Parser.jj (see config.fmpp).

  The productions stay thin: they collect the pieces and hand them to the SqlNode constructors in
  io.gleam.sql.parser, which check them (duplicate options, unknown function language, ...) and
  report problems at the position of the offending piece.
-->

/** Parses {@code IF NOT EXISTS}, if present. A table may still be named "if". */
boolean GleamIfNotExists() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses {@code IF EXISTS}, if present. */
boolean GleamIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * Parses the rest of
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(column, ...)] [WITH (option, ...)] [AS query]}.
 */
SqlCreate GleamCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    SqlNodeList tableOptions = SqlNodeList.EMPTY;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = GleamIfNotExists() name = CompoundIdentifier()
    [ columns = GleamColumnDefList() ]
    [ tableOptions = GleamTableOptionList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return new SqlCreateGleamTable(s.end(this), replace, ifNotExists, name, columns,
            tableOptions, query);
    }
}

/** Parses {@code (name TYPE [NOT NULL | NULL], ...)}. */
SqlNodeList GleamColumnDefList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    GleamColumnDef(list)
    ( <COMMA> GleamColumnDef(list) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

void GleamColumnDef(List<SqlNode> list) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean nullable = true;
}
{
    name = SimpleIdentifier()
    type = DataType()
    [
        <NOT> <NULL> { nullable = false; }
    |
        <NULL>
    ]
    {
        list.add(new SqlColumnDef(Span.of(name).end(this), name, type.withNullable(nullable)));
    }
}

/** Parses {@code WITH (key = literal, ...)}; a literal is a string, a number, TRUE or FALSE. */
SqlNodeList GleamTableOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <WITH> { s = span(); }
    <LPAREN>
    GleamTableOption(list)
    ( <COMMA> GleamTableOption(list) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

void GleamTableOption(List<SqlNode> list) :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier()
    <EQ>
    (
        value = StringLiteral()
    |
        value = NumericLiteral()
    |
        <TRUE> { value = SqlLiteral.createBoolean(true, getPos()); }
    |
        <FALSE> { value = SqlLiteral.createBoolean(false, getPos()); }
    )
    {
        list.add(new SqlTableOption(Span.of(key).end(this), key, value));
    }
}

/** Parses the rest of {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(column, ...)] AS query}. */
SqlCreate GleamCreateView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode query;
}
{
    <VIEW> ifNotExists = GleamIfNotExists() name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateGleamView(s.end(this), replace, ifNotExists, name, columns, query);
    }
}

/**
 * Parses the rest of {@code CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS] name ([arg TYPE, ...])
 * RETURNS TYPE LANGUAGE language AS 'body'}.
 *
 * <p>The language is parsed as an identifier and checked by SqlCreateGleamFunction, so a new
 * language needs no new keyword. Further clauses (a WITH option list for pipe commands, say)
 * belong after the body.
 */
SqlCreate GleamCreateFunction(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final Span ps;
    final List<SqlNode> parameters = new ArrayList<SqlNode>();
    final SqlDataTypeSpec returnType;
    final SqlIdentifier language;
    final SqlNode body;
}
{
    <FUNCTION> ifNotExists = GleamIfNotExists() name = CompoundIdentifier()
    <LPAREN> { ps = span(); }
    [
        GleamFunctionParameter(parameters)
        ( <COMMA> GleamFunctionParameter(parameters) )*
    ]
    <RPAREN>
    <RETURNS> returnType = DataType()
    <LANGUAGE> language = SimpleIdentifier()
    <AS> body = StringLiteral()
    {
        return new SqlCreateGleamFunction(s.end(this), replace, ifNotExists, name,
            new SqlNodeList(parameters, ps.end(this)), returnType, language, body);
    }
}

void GleamFunctionParameter(List<SqlNode> list) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
}
{
    name = SimpleIdentifier()
    type = DataType()
    {
        list.add(new SqlFunctionParameter(Span.of(name).end(this), name, type));
    }
}

/** Parses the rest of {@code DROP TABLE | VIEW | FUNCTION [IF EXISTS] name}. */
SqlDrop GleamDropObject(Span s, boolean replace) :
{
    final SqlDropGleamObject.ObjectType type;
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    (
        <TABLE> { type = SqlDropGleamObject.ObjectType.TABLE; }
    |
        <VIEW> { type = SqlDropGleamObject.ObjectType.VIEW; }
    |
        <FUNCTION> { type = SqlDropGleamObject.ObjectType.FUNCTION; }
    )
    ifExists = GleamIfExists() name = CompoundIdentifier()
    {
        return new SqlDropGleamObject(s.end(this), type, ifExists, name);
    }
}

/** Parses {@code SHOW TABLES [FROM | IN schema]}, {@code SHOW SCHEMAS} and {@code SHOW FUNCTIONS}. */
SqlNode GleamShow() :
{
    final Span s;
    SqlIdentifier schema = null;
}
{
    <SHOW> { s = span(); }
    (
        <TABLES> [ ( <FROM> | <IN> ) schema = CompoundIdentifier() ] {
            return new SqlShowTables(s.end(this), schema);
        }
    |
        <SCHEMAS> {
            return new SqlShowSchemas(s.end(this));
        }
    |
        <FUNCTIONS> {
            return new SqlShowFunctions(s.end(this));
        }
    )
}

/**
 * Parses EXPLAIN in Calcite's form, {@code EXPLAIN PLAN [detail] [depth] [AS format] FOR query},
 * and in Gleam's shorter form, {@code EXPLAIN [AS format [FOR]] query}, where format is DOT, JSON
 * or XML. Both give Calcite's SqlExplain.
 *
 * <p>The grammar cannot take a trailing {@code query AS DOT}: it cannot be told apart from a table or
 * column alias ({@code SELECT * FROM t AS dot}). GleamSqlParser rewrites that form, the issue's
 * {@code EXPLAIN query AS DOT}, to {@code EXPLAIN AS DOT FOR query} before parsing.
 */
SqlNode GleamExplain() :
{
    final Span s;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    (
        LOOKAHEAD(2)
        <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [ format = GleamExplainFormat() ]
        <FOR>
    |
        [ format = GleamExplainFormat() [ <FOR> ] ]
    )
    stmt = SqlQueryOrDml()
    {
        return new SqlExplain(s.end(stmt),
            stmt,
            detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO),
            format.symbol(SqlParserPos.ZERO),
            nDynamicParams);
    }
}

SqlExplainFormat GleamExplainFormat() :
{
}
{
    <AS>
    (
        <DOT_FORMAT> { return SqlExplainFormat.DOT; }
    |
        <JSON> { return SqlExplainFormat.JSON; }
    |
        <XML> { return SqlExplainFormat.XML; }
    )
}
